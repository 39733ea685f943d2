package org.exchangenode.routes.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.routes.RolloverKeys;
import org.exchangenode.routes.RolloverTestSupport;
import org.exchangenode.routes.localsystem.LocalSystemHook;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * After the switch to a new key with the old one no longer configured, a stored letter encrypted for the old key cannot
 * be opened: it fails alone and visibly — marked in the pull inbox, FAILED with its code as a webhook notification —
 * and the letters after it still reach the local system.
 */
@QuarkusTest
@TestProfile(UndecryptableMessageTest.OldKeyDropped.class)
class UndecryptableMessageTest extends RolloverTestSupport {

    /** 320100 runs with the sample key and keeps no previous key; the local system has a webhook. */
    public static class OldKeyDropped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("node.local-system.webhook.url", LocalSystemHook.freeUrl(),
                    "node.local-system.webhook.initial-backoff", "PT0.2S",
                    "node.local-system.webhook.max-backoff", "PT0.4S",
                    "node.local-system.webhook.poll-interval", "PT0.2S");
        }
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    private String received(ContactLetter letter) throws Exception {
        SignedMessage sealed = sealedLetter(letter, certificate(CURRENT_CERTIFICATE));
        shenzhen.send("320100", sealed.bytes());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + sealed.header().conversationId())
                .then().statusCode(200).body("state", equalTo("LETTER_RECEIVED")));
        return sealed.header().messageId();
    }

    private Map<String, Object> notification(String status, String messageId) {
        return operator().get("/api/v1/operations/webhooks?size=500&status=" + status).then().statusCode(200)
                .extract().jsonPath().getMap("find { it.messageId == '" + messageId + "' }");
    }

    @Test
    void shouldServeTheInboxPageAndMarkTheEntryNoKeyOpensWhenTheOldKeyIsNotKept() throws Exception {
        ContactLetter lost = Samples.letterFrom440300();
        SignedMessage sealedForOldKey = sealedLetter(lost, certificate(RolloverKeys.issue320100().certificate()));
        storedBeforeTheSwitch(sealedForOldKey);
        String lostId = sealedForOldKey.header().messageId();
        ContactLetter readable = Samples.letterFrom440300();
        String readableId = received(readable);

        List<Map<String, Object>> page = given().get("/api/v1/inbox?all=true&limit=100&after=" + (sequenceOf(lostId) - 1))
                .then().statusCode(200).extract().jsonPath().getList("$");

        assertThat(page).filteredOn(e -> lostId.equals(e.get("messageId"))).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("formError", "DECRYPTION_FAILED").containsEntry("form", null);
            assertThat((String) e.get("message")).contains(lostId).doesNotContain(lost.person().idNumber());
        });
        assertThat(page).filteredOn(e -> readableId.equals(e.get("messageId"))).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("formError", null);
            assertThat((String) e.get("form")).contains(readable.person().idNumber());
        });
    }

    @Test
    void shouldFailTheNotificationNoKeyOpensAndStillDeliverTheNextOne() throws Exception {
        var oldCertificate = certificate(RolloverKeys.issue320100().certificate());
        SignedMessage sealedForOldKey = sealedLetter(Samples.letterFrom440300(), oldCertificate);
        storedBeforeTheSwitch(sealedForOldKey);
        String lostId = sealedForOldKey.header().messageId();
        ContactLetter readable = Samples.letterFrom440300();
        String readableId = received(readable);

        await().atMost(WAIT).until(() -> localSystem.notification(readableId).isPresent());
        assertThat(localSystem.notification(readableId).orElseThrow().path("formXml").asText())
                .contains(readable.person().idNumber());
        await().atMost(WAIT).until(() -> notification("FAILED", lostId) != null);
        assertThat(notification("FAILED", lostId)).containsEntry("errorCode", "DECRYPTION_FAILED")
                .hasEntrySatisfying("lastError", error -> assertThat((String) error)
                        .contains(oldCertificate.getSerialNumber().toString(16)));
        assertThat(localSystem.notification(lostId)).isEmpty();

        operator().contentType(ContentType.JSON).body(Map.of("ids", List.of(lostId), "reason", "old key restored"))
                .post("/api/v1/operations/webhooks/replay").then().statusCode(200)
                .body("replayed", equalTo(List.of(lostId)));
        // still no key opens it: it fails again at once, with its code, rather than retrying or blocking
        await().atMost(WAIT).until(() -> notification("FAILED", lostId) != null);
        assertThat(notification("FAILED", lostId)).containsEntry("errorCode", "DECRYPTION_FAILED");
    }
}
