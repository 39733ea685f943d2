package org.exchangenode.routes.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.MetricsForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/** A letter whose Receipt does not come is sent again with the same id, then FAILED after the last send. */
@QuarkusTest
@TestProfile(ResendTest.ShortReceiptTimeout.class)
public class ResendTest extends PeerTestSupport {

    public static class ShortReceiptTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("node.delivery.receipt-timeout", "PT1S", "node.delivery.backoff-multiplier", "1.0",
                    "node.delivery.jitter", "0", "node.delivery.max-sends", "3",
                    "node.delivery.check-interval", "PT0.3S", "node.metrics.sample-interval", "PT0.2S");
        }
    }


    private String submit() {
        return given().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
    }

    @Test
    void shouldSendAgainWithTheSameIdAndFailAfterTheLastSendWhenNoReceiptComes() throws Exception {
        String id = submit();

        for (int copy = 1; copy <= 3; copy++) {
            Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
            shenzhen.verifier.verify(letter, Instant.now());
        }

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("FAILED")).body("error.code", equalTo("RECEIPT_TIMEOUT"))
                .body("sendCount", equalTo(3)));
        List<String> outcomes = given().get("/api/v1/messages/" + id + "/attempts").then().statusCode(200)
                .extract().jsonPath().getList("outcome");
        assertThat(outcomes).containsExactly("SENT", "RECEIPT_TIMEOUT", "SENT", "RECEIPT_TIMEOUT", "SENT", "FAILED");
        // and the operators' gauge counts it (ExnMessagesFailed)
        await().atMost(WAIT).untilAsserted(() -> assertThat(MetricsForTests.value(
                "exn_outbound_failed_messages{node=\"320100\",peer=\"440300\"}", -1)).isGreaterThanOrEqualTo(1));
    }


    @Test
    void shouldBecomeDeliveredWhenTheReceiptAnswersAResend() throws Exception {
        String id = submit();
        shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);   // the first copy goes unanswered

        Envelope resent = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", resent.header().conversationId(), id,
                TransportMessages.receipt(resent, Instant.now()));
        shenzhen.send("320100", receipt.bytes());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")).body("receiptDueAt", equalTo(null)));
        int sends = given().get("/api/v1/messages/" + id).then().extract().path("sendCount");
        assertThat(sends).isBetween(2, 3);
    }
}
