package org.exchangenode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's actions over the node's operations API: replay FAILED messages (after a dry run), re-verify a
 * quarantined document, move dead letters back to the inbox, ping a peer. Every change carries a reason, which the node
 * records in its audit log. Bulk work goes a hundred at a time with its {@link Progress}.
 */
final class OperatorActions {
    static final int CHUNK = 100;
    private static final int LIST_PAGE = 500;

    private OperatorActions() {
    }

    @Command(name = "replay", header = "Replays FAILED messages (same ids), by id or by filter, with a reason; --dry-run first.",
        description = {"Replay FAILED messages with their original ids: those given by "
            + "--message-id, or every one matching the filter.", "Progress as it goes, then a summary (matched, replayed,"
            + " skipped and why)."})
    static final class Replay extends NodeCommand {
        @Option(names = "--message-id", paramLabel = "ID", description = "a message to replay (repeatable)")
        List<String> messageIds = new ArrayList<>();
        @Mixin
        ListingOptions.Filter filter;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit log")
        String reason;
        @Option(names = "--dry-run", arity = "0", description = "show what would be replayed; change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            String why = reason(reason);
            NodeApi api = connection.api();
            List<String> ids = new ArrayList<>(messageIds);
            if (ids.isEmpty()) {
                for (int page = 0; ; page++) {
                    Map<String, Object> query = filter.query();
                    query.put("page", page);
                    query.put("size", LIST_PAGE);
                    JsonNode batch = api.get("/api/v1/operations/failed", query);
                    batch.forEach(m -> ids.add(m.path("messageId").asText()));
                    if (batch.size() < LIST_PAGE) {
                        break;
                    }
                }
                out().println(ids.size() + " FAILED message(s) match the filter");
            }
            if (ids.isEmpty()) {
                out().println("nothing to replay");
                return ExchangeNodeCli.OK;
            }
            Map<String, String> skipped = new LinkedHashMap<>();
            Map<String, Integer> waiting = new LinkedHashMap<>();
            int replayed = inChunks(ids, progress(dryRun ? "dry run" : "replay", ids.size()),
                    dryRun ? "would replay" : "replayed", skipped, waiting, chunk -> api.post(
                    "/api/v1/operations/replay", Map.of("messageIds", chunk, "reason", why, "dryRun", dryRun)));
            out().printf("summary: %d matched, %d %s, %d skipped%n", ids.size(), replayed,
                    dryRun ? "would be replayed (dry run: nothing changed)" : "replayed", skipped.size());
            skipped.forEach((id, cause) -> out().println("  skipped " + id + ": " + cause));
            printWaiting(out(), waiting);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "replay-dead-letters", header = "Moves dead letters back to the inbox, with a reason; --dry-run first.",
        description = {"Move dead letters back to the inbox: those given by --id, "
            + "or all of this node's.", "Progress as it goes, then a summary."})
    static final class ReplayDeadLetters extends NodeCommand {
        @Option(names = "--id", paramLabel = "BROKER-ID", description = "a dead letter's broker id (repeatable)")
        List<String> ids = new ArrayList<>();
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit log")
        String reason;
        @Option(names = "--dry-run", arity = "0", description = "show what would be moved; change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            String why = reason(reason);
            NodeApi api = connection.api();
            List<String> letters = new ArrayList<>(ids);
            if (letters.isEmpty()) {
                for (int page = 0; ; page++) {
                    JsonNode batch = api.get("/api/v1/operations/dead-letters",
                            NodeApi.parameters("page", page, "size", LIST_PAGE));
                    batch.forEach(d -> letters.add(d.path("brokerId").asText()));
                    if (batch.size() < LIST_PAGE) {
                        break;
                    }
                }
                out().println(letters.size() + " dead letter(s) on the queue");
            }
            Map<String, String> skipped = new LinkedHashMap<>();
            Map<String, Integer> waiting = new LinkedHashMap<>();
            int replayed = letters.isEmpty() ? 0 : inChunks(letters, progress(dryRun ? "dry run" : "move back",
                    letters.size()), dryRun ? "would move" : "moved", skipped, waiting, chunk -> api.post(
                            "/api/v1/operations/dead-letters/replay", Map.of("ids", chunk, "reason", why, "dryRun", dryRun)));
            out().printf("summary: %d matched, %d %s, %d skipped%n", letters.size(), replayed,
                    dryRun ? "would be replayed (dry run)" : "replayed", skipped.size());
            skipped.forEach((id, cause) -> out().println("  skipped " + id + ": " + cause));
            printWaiting(out(), waiting);
            return ExchangeNodeCli.OK;
        }
    }

    /** One bulk request of the node's API, for a chunk of ids; answers its summary. */
    @FunctionalInterface
    interface Call {
        JsonNode post(List<String> chunk);
    }

    /**
     * Posts the ids a hundred at a time with progress: on a terminal a bar of the ids done, elsewhere the lines operators
     * and FaultScenariosIT read ("replayed 198/950 (skipped 2)"); answers how many the node replayed and collects the
     * skipped with why.
     */
    static int inChunks(List<String> ids, Progress progress, String verb, Map<String, String> skipped,
                        Map<String, Integer> waiting, Call call) {
        int replayed = 0;
        int held = 0;
        for (int from = 0; from < ids.size(); from += CHUNK) {
            int to = Math.min(ids.size(), from + CHUNK);
            JsonNode answer = call.post(ids.subList(from, to));
            if (answer.has("requestedBy")) {
                // above the node's four-eyes threshold: a request that another operator must approve
                waiting.put(answer.path("id").asText(), answer.path("ids").size());
                held += answer.path("ids").size();
            } else {
                replayed += answer.path("replayed").size();
                answer.path("skipped").forEach(s -> skipped.put(s.path("id").asText(), s.path("why").asText()));
            }
            String wait = held == 0 ? "" : ", waiting for approval " + held;
            progress.step(to, " (" + verb + " " + replayed + ", skipped " + skipped.size() + wait + ")",
                    verb + " " + replayed + "/" + ids.size() + " (skipped " + skipped.size() + wait + ")");
        }
        progress.finish();
        return replayed;
    }

    /** The requests the node holds for a second operator (request id → how many ids), and how to decide them. */
    private static void printWaiting(java.io.PrintWriter out, Map<String, Integer> waiting) {
        if (waiting.isEmpty()) {
            return;
        }
        out.printf("%d id(s) wait for another operator's approval (four eyes), in %d request(s):%n",
                waiting.values().stream().mapToInt(Integer::intValue).sum(), waiting.size());
        waiting.forEach((id, count) -> out.println("  request " + id + ": " + count + " id(s)"));
        out.println("another operator approves each with: replay-approve REQUEST-ID --reason TEXT "
                + "(or rejects it with replay-reject)");
    }

    @Command(name = "replay-approve", header = "Approves another operator's replay request and replays it, with a reason.",
        description = {"Approve a replay request that waits for a second operator (four eyes): the node replays its "
            + "ids now, as you.", "You cannot approve your own request. Prints what the replay did."})
    static final class ApproveReplay extends NodeCommand {
        @Parameters(paramLabel = "REQUEST-ID", arity = "1", description = "the replay request's id")
        String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit log")
        String reason;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            JsonNode request = connection.api().post("/api/v1/operations/replay-requests/" + id + "/approve",
                    Map.of("reason", reason(reason)));
            if (format.json()) {
                return json(request);
            }
            JsonNode result = request.path("result");
            out().printf("request %s %s by %s: %d matched, %d replayed, %d skipped%n", request.path("id").asText(),
                    request.path("status").asText(), request.path("decidedBy").asText(),
                    result.path("matched").asInt(), result.path("replayed").size(), result.path("skipped").size());
            result.path("skipped").forEach(s -> out().println("  skipped " + s.path("id").asText() + ": "
                    + s.path("why").asText()));
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "replay-reject", header = "Rejects another operator's replay request, with a reason; nothing is replayed.",
        description = "Reject a replay request that waits for a second operator (four eyes): nothing is replayed. "
            + "You cannot reject your own request.")
    static final class RejectReplay extends NodeCommand {
        @Parameters(paramLabel = "REQUEST-ID", arity = "1", description = "the replay request's id")
        String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit log")
        String reason;

        @Override
        public Integer call() {
            JsonNode request = connection.api().post("/api/v1/operations/replay-requests/" + id + "/reject",
                    Map.of("reason", reason(reason)));
            out().printf("request %s %s by %s%n", request.path("id").asText(), request.path("status").asText(),
                    request.path("decidedBy").asText());
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "reverify", header = "Checks a quarantined document again; processed if it now passes.",
        description = "Check a quarantined document again (after a trust anchor update, a clock"
            + " fix); it is processed if it now passes.")
    static final class Reverify extends NodeCommand {
        @Parameters(paramLabel = "QUARANTINE-ID", arity = "1", description = "the quarantine record's id")
        String id;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why, for the audit log")
        String reason;
        @Option(names = "--dry-run", arity = "0", description = "show the outcome; change nothing")
        boolean dryRun;

        @Override
        public Integer call() {
            return json(connection.api().post("/api/v1/operations/quarantine/" + id + "/reverify",
                    Map.of("reason", reason(reason), "dryRun", dryRun)));
        }
    }

    @Command(name = "ping", header = "A signed Ping to a peer, answered by its signed Pong: round trip and certificate.",
        description = "A signed Ping through the broker, answered by the peer's signed Pong: round "
            + "trip and the peer's certificate.")
    static final class Ping extends NodeCommand {
        @Parameters(paramLabel = "PEER-ID", arity = "1", description = "the peer node's id")
        String peer;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S",
                converter = Converters.Durations.class, description = "how long to wait, ISO-8601 (default PT10S, at "
                + "most PT60S)")
        Duration timeout;

        @Override
        public Integer call() {
            JsonNode pong = connection.api().post("/api/v1/operations/ping/" + peer + "?timeout=" + timeout, Map.of());
            out().println("Pong from " + pong.path("peer").asText() + " in " + pong.path("roundTripMillis").asLong()
                    + " ms; signed by " + pong.path("certificateSubject").asText() + " (serial "
                    + pong.path("certificateSerial").asText() + ", valid until "
                    + pong.path("certificateNotAfter").asText() + ")");
            return ExchangeNodeCli.OK;
        }
    }
}
