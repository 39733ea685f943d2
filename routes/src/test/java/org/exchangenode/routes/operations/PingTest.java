package org.exchangenode.routes.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.PeerTestSupport;
import org.junit.jupiter.api.Test;

/** An operator pings 440300: a signed Ping through the broker, the peer's signed Pong, the round trip and its certificate. */
@QuarkusTest
class PingTest extends PeerTestSupport {

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    @Test
    void shouldReportTheRoundTripAndThePeersCertificateWhenItAnswers() throws Exception {
        CompletableFuture<ExtractableResponse<Response>> call = CompletableFuture.supplyAsync(() ->
                operator().post("/api/v1/operations/ping/440300?timeout=PT20S").then().extract());

        // answer every Ping that arrives (earlier runs may have left some in the inbox) until the call returns
        while (!call.isDone()) {
            Envelope ping;
            try {
                ping = shenzhen.receive(e -> e.header().type() == MessageType.PING, java.time.Duration.ofSeconds(1));
            } catch (AssertionError none) {
                continue;
            }
            shenzhen.verifier.verify(ping, Instant.now());
            var pong = shenzhen.compose(MessageType.PONG, "320100", ping.header().conversationId(),
                    ping.header().messageId(), TransportMessages.pong(ping.header().messageId(),
                            TransportMessages.nonce(ping.bodyContent()), Instant.now()));
            shenzhen.send("320100", pong.bytes());
        }

        ExtractableResponse<Response> answer = call.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getString("peer")).isEqualTo("440300");
        assertThat(answer.jsonPath().getString("certificateSubject")).contains("CN=440300");
        assertThat(answer.jsonPath().getLong("roundTripMillis")).isNotNegative();
    }

    @Test
    void shouldSayNoPongCameWithinTheTimeoutAndRefuseAnUnknownPeer() {
        operator().post("/api/v1/operations/ping/440300?timeout=PT1S").then().statusCode(504)
                .body("code", equalTo("NO_ANSWER")).body("message", containsString("no Pong from 440300"));
        operator().post("/api/v1/operations/ping/999999").then().statusCode(422)
                .body("violations[0].code", equalTo("UNKNOWN_PEER"));
        operator().post("/api/v1/operations/ping/440300?timeout=PT5M").then().statusCode(422)
                .body("violations[0].field", equalTo("timeout"));
        given().auth().none().post("/api/v1/operations/ping/440300").then().statusCode(401);
    }
}
