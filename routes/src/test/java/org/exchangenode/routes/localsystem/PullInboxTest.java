package org.exchangenode.routes.localsystem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/** The pull API: a received form is listed until acknowledged, in order, with the signed message as received. */
@QuarkusTest
class PullInboxTest extends PeerTestSupport {

    private static List<Map<String, Object>> unacknowledged() {
        return given().get("/api/v1/inbox?limit=100&type=ContactLetter").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    @Test
    void shouldListAReceivedFormUntilTheLocalSystemAcknowledgesIt() throws Exception {
        String caseId = Samples.caseId("440300-PULL");
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", caseId, null,
                ContactLetterXml.write(Samples.letterFrom440300()));
        shenzhen.send("320100", letter.bytes());
        String id = letter.header().messageId();

        await().atMost(WAIT).until(() -> unacknowledged().stream().anyMatch(e -> id.equals(e.get("messageId"))));
        Map<String, Object> entry = unacknowledged().stream().filter(e -> id.equals(e.get("messageId"))).findFirst()
                .orElseThrow();
        assertThat(entry).containsEntry("type", "ContactLetter").containsEntry("conversationId", caseId)
                .containsEntry("from", "440300").containsEntry("acknowledgedAt", null);
        assertThat((String) entry.get("message")).isEqualTo(new String(letter.bytes(), java.nio.charset.StandardCharsets.UTF_8));
        long sequence = ((Number) entry.get("sequence")).longValue();
        given().get("/api/v1/inbox?after=" + sequence).then().body("messageId", not(hasItem(id)));

        String unknown = "00000000-0000-0000-0000-000000000000";
        given().contentType(ContentType.JSON).body("{\"messageIds\": [\"" + id + "\", \"" + unknown + "\"]}")
                .post("/api/v1/inbox/ack").then().statusCode(200)
                .body("acknowledged", equalTo(List.of(id))).body("unknown", equalTo(List.of(unknown)));
        given().contentType(ContentType.JSON).body("{\"messageIds\": [\"" + id + "\"]}")
                .post("/api/v1/inbox/ack").then().statusCode(200).body("alreadyAcknowledged", equalTo(List.of(id)));

        assertThat(unacknowledged()).extracting(e -> e.get("messageId")).doesNotContain(id);
        given().get("/api/v1/inbox?all=true&limit=100&after=" + (sequence - 1)).then()
                .body("find { it.messageId == '" + id + "' }.acknowledgedBy", equalTo(ApiUserForTests.USER));
        given().get("/api/v1/cases/" + caseId).then().body("timeline[0].acknowledgedAt", notNullValue());
    }

    @Test
    void shouldNameTheParameterThatIsWrong() {
        given().get("/api/v1/inbox?limit=0&after=-1&type=Receipt").then().statusCode(422)
                .body("violations.field", equalTo(List.of("after", "limit", "type")));
        given().contentType(ContentType.JSON).body("{\"messageIds\": []}").post("/api/v1/inbox/ack").then()
                .statusCode(422).body("violations[0].field", equalTo("messageIds"));
        given().contentType(ContentType.JSON).body("{\"messageIds\": [\"x\"]}").post("/api/v1/inbox/ack").then()
                .statusCode(422).body("violations[0].field", equalTo("messageIds[0]"));
    }
}
