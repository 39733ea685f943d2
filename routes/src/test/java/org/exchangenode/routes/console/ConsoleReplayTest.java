package org.exchangenode.routes.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.outbound.ResendTest;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Replay from the console on a node with a real broker whose peer does not answer: the dry run lists what would be
 * sent, a replay needs a reason, up to the four-eyes threshold it runs at once, above it it waits for a second
 * operator; the requester cannot approve, an observer cannot replay, a POST without the form's token does nothing.
 */
@QuarkusTest
@TestProfile(ConsoleReplayTest.FourEyesOfTwo.class)
class ConsoleReplayTest extends PeerTestSupport {
    private static final Pattern REQUEST = Pattern.compile("id=\"request-id\"[^>]*>([^<]+)<");

    public static class FourEyesOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new ResendTest.ShortReceiptTimeout().getConfigOverrides());
            config.put("node.operations.four-eyes-threshold", "2");
            return config;
        }
    }

    /** Letters to 440300 that fail: the test's peer takes every copy and never sends a Receipt. */
    private List<String> failedLetters(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(given().contentType(ContentType.JSON).body(Samples.letterJson())
                    .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId"));
        }
        // every send of every letter, in whatever order they come (receive drops what it does not want)
        for (int copy = 1; copy <= 3 * count; copy++) {
            shenzhen.receive(e -> ids.contains(e.header().messageId()), WAIT);
        }
        for (String id : ids) {
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                    .body("status", equalTo("FAILED")));
        }
        return ids;
    }

    private static String status(String id) {
        return given().get("/api/v1/messages/" + id).then().statusCode(200).extract().path("status");
    }

    @Test
    void shouldDryRunThenReplayOneAndMakeABulkReplayWaitForASecondOperator() throws Exception {
        List<String> ids = failedLetters(4);
        ConsoleSession operator = ConsoleSession.login("operator-test", "operator-test-password");
        operator.get("/console/messages/" + ids.get(0));

        // the dry run of one message lists it and sends nothing
        Response dry = operator.post("/console/replay/dry-run", Map.of("scope", "selected", "ids", ids.get(0)));
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.asString()).contains("id=\"dry-run-count\">1<", "data-id=\"" + ids.get(0) + "\"",
                "id=\"replay-button\"").doesNotContain("id=\"needs-approval\"");
        assertThat(status(ids.get(0))).isEqualTo("FAILED");

        // no reason: refused, nothing sent
        Response noReason = operator.post("/console/replay", Map.of("ids", ids.get(0), "reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(status(ids.get(0))).isEqualTo("FAILED");

        Response replayed = operator.post("/console/replay", Map.of("ids", ids.get(0),
                "reason", "440300 was down for maintenance"));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.asString()).contains("id=\"replayed-count\">1<");
        assertThat(operator.get("/console/messages/" + ids.get(0)).asString()).contains("data-outcome=\"REPLAYED\"");

        // everything FAILED to 440300 in the last 30 minutes: more than the threshold, so a request
        operator.get("/console/messages?status=FAILED&direction=OUTBOUND&peer=440300&window=PT30M");
        Response matching = operator.post("/console/replay/dry-run", Map.of("scope", "matching", "peer", "440300",
                "window", "PT30M"));
        assertThat(matching.statusCode()).isEqualTo(200);
        assertThat(matching.asString()).contains("id=\"needs-approval\"", "id=\"dry-run-count\">3<",
                "data-id=\"" + ids.get(1) + "\"", "data-id=\"" + ids.get(3) + "\"");
        Response requested = operator.post("/console/replay", Map.of("ids", ids.subList(1, 4),
                "reason", "bulk: 440300 back after the outage"));
        assertThat(requested.statusCode()).isEqualTo(200);
        Matcher request = REQUEST.matcher(requested.asString());
        assertThat(request.find()).as("a request id on the page").isTrue();
        String requestId = request.group(1).strip();
        assertThat(status(ids.get(1))).isEqualTo("FAILED");
        assertThat(status(ids.get(3))).isEqualTo("FAILED");

        // the requester sees the request as their own and cannot approve it, even by a hand-made POST
        String list = operator.get("/console/replay-requests").asString();
        assertThat(list).contains("data-request=\"" + requestId + "\"", "class=\"own-request\"");
        Response own = operator.post("/console/replay-requests/" + requestId + "/approve",
                Map.of("reason", "I approve my own"));
        assertThat(own.statusCode()).isEqualTo(403);
        assertThat(own.asString()).contains("id=\"forbidden\"");
        assertThat(status(ids.get(1))).isEqualTo("FAILED");

        // an observer cannot replay, a POST without the form's token does nothing
        ConsoleSession observer = ConsoleSession.login("observer-test", "observer-test-password");
        observer.get("/console/replay-requests");
        assertThat(observer.post("/console/replay", Map.of("ids", ids.get(1), "reason", "x")).statusCode())
                .isEqualTo(403);
        assertThat(observer.post("/console/replay-requests/" + requestId + "/approve", Map.of("reason", "x"))
                .statusCode()).isEqualTo(403);
        assertThat(operator.postWithout("/console/replay", Map.of("ids", ids.get(1), "reason", "no token"))
                .statusCode()).isEqualTo(403);
        assertThat(status(ids.get(1))).isEqualTo("FAILED");

        // a second person with the operator's rights approves: all three replayed, the request shows the result
        ConsoleSession second = ConsoleSession.login("admin-test", "admin-test-password");
        assertThat(second.get("/console/replay-requests").asString()).contains("action=\"/console/replay-requests/"
                + requestId + "/approve\"");
        Response approved = second.post("/console/replay-requests/" + requestId + "/approve",
                Map.of("reason", "checked the list with the requester"));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.asString()).contains("id=\"decision-notice\"");
        assertThat(approved.asString()).containsPattern("data-request=\"" + requestId
                + "\"[\\s\\S]*?data-status=\"EXECUTED\"");
        for (String id : ids.subList(1, 4)) {
            assertThat(operator.get("/console/messages/" + id).asString()).contains("data-outcome=\"REPLAYED\"");
        }
        // decided once: a second decision is refused
        Response again = second.post("/console/replay-requests/" + requestId + "/reject", Map.of("reason", "late"));
        assertThat(again.statusCode()).isEqualTo(409);

        // both persons and their reasons are in the audit log
        ConsoleSession auditor = ConsoleSession.login("auditor-test", "auditor-test-password");
        String audit = auditor.get("/console/audit").asString();
        assertThat(audit).contains("data-kind=\"REPLAY_REQUESTED\"", "data-kind=\"REPLAY_APPROVED\"",
                "admin-test", "operator-test");
    }
}
