package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four-eyes approval from the command line against a stand-in node: a bulk replay the node holds for a second operator
 * says so and names the requests; the requests are listed; another operator approves or rejects one with a reason.
 */
class ReplayRequestCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeNode node;
    private String password;

    @BeforeEach
    void start() throws Exception {
        password = Files.writeString(dir.resolve("password"), "secret\n").toString();
        node = new FakeNode();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun run(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--node", node.url(), "--user", "operator-li",
                "--password-file", password));
        args.addAll(List.of(rest));
        return CliRun.of(false, args.toArray(String[]::new));
    }

    private static String request(String id, JsonNode ids, String status, String decidedBy, String result) {
        return "{\"id\":\"" + id + "\",\"kind\":\"MESSAGES\",\"ids\":" + ids + ",\"reason\":\"backlog of 440300\","
                + "\"requestedBy\":\"operator-li\",\"requestedAt\":\"2026-06-01T02:00:00Z\","
                + "\"expiresAt\":\"2026-06-04T02:00:00Z\",\"status\":\"" + status + "\",\"decidedBy\":"
                + (decidedBy == null ? "null" : "\"" + decidedBy + "\"") + ",\"decidedAt\":null,\"decisionReason\":"
                + (decidedBy == null ? "null" : "\"peer is up\"") + ",\"result\":" + result + "}";
    }

    @Test
    void shouldSayWhichRequestsWaitWhenTheNodeHoldsABulkReplay() throws Exception {
        String failed = IntStream.rangeClosed(1, 150).mapToObj(i -> "{\"messageId\":\"m-" + i + "\"}")
                .reduce((a, b) -> a + "," + b).map(list -> "[" + list + "]").orElseThrow();
        AtomicInteger requests = new AtomicInteger();
        node.answer("GET /api/v1/operations/failed", failed).answer("POST /api/v1/operations/replay", r -> {
            try {
                JsonNode ids = JSON.readTree(r.body()).path("messageIds");
                return request("r-" + requests.incrementAndGet(), ids, "PENDING", null, "null");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        CliRun run = run("replay", "--peer", "440300", "--reason", "backlog of 440300");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("replayed 0/150 (skipped 0, waiting for approval 100)",
                "replayed 0/150 (skipped 0, waiting for approval 150)", "summary: 150 matched, 0 replayed, 0 skipped",
                "150 id(s) wait for another operator's approval (four eyes), in 2 request(s):",
                "  request r-1: 100 id(s)", "  request r-2: 50 id(s)", "replay-approve REQUEST-ID --reason TEXT");
    }

    @Test
    void shouldListTheRequestsWithTheirDecisions() throws Exception {
        JsonNode ids = JSON.valueToTree(List.of("m-1", "m-2", "m-3"));
        node.answer("GET /api/v1/operations/replay-requests", "[" + request("r-2", ids, "PENDING", null, "null") + ","
                + request("r-1", ids, "EXECUTED", "operator-wang",
                "{\"dryRun\":false,\"matched\":3,\"replayed\":[\"m-1\",\"m-2\"],\"skipped\":[{\"id\":\"m-3\",\"why\":\"no such message\"}]}")
                + "]");

        CliRun run = run("replay-requests", "--status", "PENDING", "--size", "20");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("r-2  MESSAGES 3 id(s)  PENDING  requested by operator-li at 2026-06-01T02:00:00Z: "
                        + "backlog of 440300  [expires 2026-06-04T02:00:00Z]",
                "r-1  MESSAGES 3 id(s)  EXECUTED  requested by operator-li at 2026-06-01T02:00:00Z: backlog of 440300"
                        + "  [executed by operator-wang: peer is up] 2 replayed, 1 skipped",
                "2 replay request(s) on this page");
        assertThat(node.requests("GET /api/v1/operations/replay-requests")).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("status=PENDING&size=20"));
    }

    @Test
    void shouldApproveAndRejectWithAReason() throws Exception {
        JsonNode ids = JSON.valueToTree(List.of("m-1", "m-2"));
        node.answer("POST /api/v1/operations/replay-requests/r-1/approve", request("r-1", ids, "EXECUTED",
                        "operator-wang", "{\"dryRun\":false,\"matched\":2,\"replayed\":[\"m-1\"],"
                                + "\"skipped\":[{\"id\":\"m-2\",\"why\":\"no such message\"}]}"))
                .answer("POST /api/v1/operations/replay-requests/r-2/reject", request("r-2", ids, "REJECTED",
                        "operator-wang", "null"));

        CliRun approved = run("replay-approve", "r-1", "--reason", "peer is up");
        CliRun rejected = run("replay-reject", "r-2", "--reason", "wait for the peer");

        assertThat(approved.out()).contains("request r-1 EXECUTED by operator-wang: 2 matched, 1 replayed, 1 skipped",
                "  skipped m-2: no such message");
        assertThat(rejected.out()).contains("request r-2 REJECTED by operator-wang");
        assertThat(JSON.readTree(node.requests("POST /api/v1/operations/replay-requests/r-1/approve").get(0).body()))
                .isEqualTo(JSON.valueToTree(Map.of("reason", "peer is up")));
        assertThat(JSON.readTree(node.requests("POST /api/v1/operations/replay-requests/r-2/reject").get(0).body()))
                .isEqualTo(JSON.valueToTree(Map.of("reason", "wait for the peer")));
    }
}
