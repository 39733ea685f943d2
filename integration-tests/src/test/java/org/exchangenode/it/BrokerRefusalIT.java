package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.testsupport.process.StandaloneBroker;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network broker of config/broker (Artemis 2.44.0 distribution, TLS, a user per node) refuses node 320100's
 * letter to 330200, a peer in 320100's directory that is not set up on the broker: there is no inbox address for it
 * and node users may not create one. The refusal must stay that message's own: letters to 440300 still go, and the
 * refused one ends FAILED with BROKER_REFUSED and the broker's reason after the configured refusals (3 here), with
 * one attempt row per refusal.
 */
class BrokerRefusalIT {
    private static final String SCENARIO = "refusal-" + System.currentTimeMillis();
    private static final Map<String, String> USERS = Map.of("node-320100", "nanjing-it-password");
    private static StandaloneBroker broker;
    private static NodeProcess nanjing;

    @BeforeAll
    static void start() throws Exception {
        broker = new StandaloneBroker(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), USERS);
        nanjing = new NodeProcess("320100", SCENARIO, broker.tlsUrl(), List.of("440300", "330200"))
                .with("node.broker.user", "node-320100").with("node.broker.password", USERS.get("node-320100"))
                .with("node.relay.max-refusals", "3").with("node.relay.refusal-delay", "PT0.5S").start();
    }

    @AfterAll
    static void stop() throws Exception {
        NodeProcess.closeAll(nanjing, broker);
    }

    private static String submit(String json) {
        return nanjing.api().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("messageId");
    }

    @Test
    void shouldFailOnlyTheRefusedLetterAfterBoundedRefusalsWhenThePeersInboxIsNotOnTheBroker() {
        String toNingbo = Samples.sampleLetterJson().replace("\"nodeId\": \"440300\",\n    \"divisionCode\": \"440300\"",
                "\"nodeId\": \"330200\",\n    \"divisionCode\": \"330200\"");
        assertThat(toNingbo).contains("\"nodeId\": \"330200\"");
        String refused = submit(SamplePersons.withNextPerson(toNingbo));
        String other = submit(Samples.letterJson());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + refused)
                .then().body("to", equalTo("330200")).body("status", equalTo("FAILED"))
                .body("error.code", equalTo("BROKER_REFUSED")));
        nanjing.api().get("/api/v1/messages/" + other).then().body("status", oneOf("SENT", "DELIVERED"));

        String reason = nanjing.api().get("/api/v1/messages/" + refused).then().extract().path("error.message");
        assertThat(reason).contains("node.330200.inbox").doesNotContainPattern("\\p{Cntrl}");
        List<String> outcomes = nanjing.api().get("/api/v1/messages/" + refused + "/attempts").then().statusCode(200)
                .extract().jsonPath().getList("outcome");
        assertThat(outcomes).containsExactly("BROKER_REFUSED", "BROKER_REFUSED", "FAILED");
        nanjing.auditor().get("/api/v1/operations/failed?errorCode=BROKER_REFUSED&peer=330200").then().statusCode(200)
                .body("messageId", equalTo(List.of(refused)));
    }
}
