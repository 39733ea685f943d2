package org.exchangenode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's commands, over the node's operations API (role operator): find what failed, inspect it with personal
 * data masked, replay it with a reason (after a dry run), re-verify quarantined documents, move dead letters back.
 */
final class OperationsCommands {
    private static final int CHUNK = 100;
    private final PrintStream out;

    OperationsCommands(PrintStream out) {
        this.out = out;
    }

    int run(String command, List<String> args) {
        Set<String> known = new HashSet<>(NodeApi.OPTIONS);
        Set<String> flags = new HashSet<>();
        switch (command) {
            case "failed" -> known.addAll(Set.of("peer", "type", "error-code", "from", "to", "page", "size"));
            case "replay" -> {
                known.addAll(Set.of("message-id", "peer", "type", "error-code", "from", "to", "reason"));
                flags.add("dry-run");
            }
            case "reverify", "replay-dead-letters" -> {
                known.addAll(Set.of("reason", "id"));
                flags.add("dry-run");
            }
            case "quarantine" -> known.addAll(Set.of("peer", "type", "error-code", "from", "to", "page", "size"));
            case "dead-letters" -> known.addAll(Set.of("peer", "type", "from", "to", "page", "size"));
            case "ping" -> known.add("timeout");
            default -> { }
        }
        Arguments a = new Arguments(args, known, flags);
        List<String> positional = a.positional();
        NodeApi api = new NodeApi(a);
        try {
            return switch (command) {
                case "counts" -> print(api.get("/api/v1/messages/counts", Map.of()));
                case "failed" -> failed(api, a);
                case "inspect" -> inspect(api, single(positional, "MESSAGE-ID"));
                case "replay" -> replay(api, a);
                case "quarantine" -> quarantine(api, a);
                case "reverify" -> print(api.post("/api/v1/operations/quarantine/" + single(positional, "QUARANTINE-ID")
                        + "/reverify", Map.of("reason", reason(a), "dryRun", a.flag("dry-run"))));
                case "dead-letters" -> deadLetters(api, a);
                case "ping" -> ping(api, single(positional, "PEER-ID"), java.util.Optional.ofNullable(a.optional("timeout")).orElse("PT10S"));
                case "replay-dead-letters" -> summary(api.post("/api/v1/operations/dead-letters/replay",
                        Map.of("ids", a.all("id"), "reason", reason(a), "dryRun", a.flag("dry-run"))));
                default -> throw new Arguments.UsageException("unknown command '" + command + "'");
            };
        } catch (NodeApi.Refused e) {
            out.println("refused by the node: " + e.getMessage());
            return ExchangeNodeCli.BROKEN;
        } catch (NodeApi.Unreachable e) {
            out.println(e.getMessage());
            return ExchangeNodeCli.BROKEN;
        }
    }

    /** One line: the peer answered, in how long, with which certificate. */
    private int ping(NodeApi api, String peer, String timeout) {
        JsonNode pong = api.post("/api/v1/operations/ping/" + peer + "?timeout=" + timeout, Map.of());
        out.println("Pong from " + pong.path("peer").asText() + " in " + pong.path("roundTripMillis").asLong() + " ms; "
                + "signed by " + pong.path("certificateSubject").asText() + " (serial "
                + pong.path("certificateSerial").asText() + ", valid until " + pong.path("certificateNotAfter").asText() + ")");
        return ExchangeNodeCli.OK;
    }

    private int failed(NodeApi api, Arguments a) {
        JsonNode list = api.get("/api/v1/operations/failed", filter(a, true));
        out.printf("%-36s  %-16s  %-6s  %-5s  %-17s  %s%n", "MESSAGE ID", "TYPE", "PEER", "SENDS", "ERROR", "STORED AT");
        for (JsonNode m : list) {
            out.printf("%-36s  %-16s  %-6s  %-5s  %-17s  %s%n", m.path("messageId").asText(), m.path("type").asText(),
                    m.path("peer").asText(), m.path("sendCount").asText(), m.path("error").path("code").asText(""),
                    m.path("storedAt").asText());
        }
        out.println(list.size() + " FAILED message(s) on this page");
        return ExchangeNodeCli.OK;
    }

    private int inspect(NodeApi api, String id) {
        JsonNode inspection = api.get("/api/v1/operations/messages/" + id, Map.of());
        JsonNode m = inspection.path("message");
        out.printf("message   %s  %s %s  %s -> %s  case %s%n", m.path("messageId").asText(), m.path("direction").asText(),
                m.path("type").asText(), m.path("from").asText(), m.path("to").asText(), m.path("conversationId").asText());
        out.printf("status    %s  sends %s  stored %s  sent %s  delivered %s%n", m.path("status").asText(),
                m.path("sendCount").asText(), m.path("storedAt").asText(), m.path("sentAt").asText(""),
                m.path("deliveredAt").asText(""));
        if (!m.path("error").isMissingNode() && !m.path("error").isNull()) {
            out.printf("error     %s %s%n", m.path("error").path("code").asText(), m.path("error").path("message").asText());
        }
        for (JsonNode attempt : inspection.path("attempts")) {
            out.printf("attempt   #%s %-17s %s %s%n", attempt.path("attempt").asText(), attempt.path("outcome").asText(),
                    attempt.path("at").asText(), attempt.path("detail").asText(""));
        }
        out.println("body (personal data masked):");
        out.println(inspection.path("maskedBody").asText());
        return ExchangeNodeCli.OK;
    }

    /**
     * By id, or by filter: the matching FAILED ids are listed first, then replayed a hundred at a time with a progress
     * line each, then summarised.
     */
    private int replay(NodeApi api, Arguments a) {
        String reason = reason(a);
        boolean dryRun = a.flag("dry-run");
        List<String> ids = new ArrayList<>(a.all("message-id"));
        if (ids.isEmpty()) {
            for (int page = 0; ; page++) {
                Map<String, Object> query = filter(a, false);
                query.put("page", page);
                query.put("size", 500);
                JsonNode batch = api.get("/api/v1/operations/failed", query);
                batch.forEach(m -> ids.add(m.path("messageId").asText()));
                if (batch.size() < 500) {
                    break;
                }
            }
            out.println(ids.size() + " FAILED message(s) match the filter");
        }
        if (ids.isEmpty()) {
            out.println("nothing to replay");
            return ExchangeNodeCli.OK;
        }
        int replayed = 0;
        Map<String, String> skipped = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            JsonNode summary = api.post("/api/v1/operations/replay",
                    Map.of("messageIds", chunk, "reason", reason, "dryRun", dryRun));
            replayed += summary.path("replayed").size();
            summary.path("skipped").forEach(s -> skipped.put(s.path("id").asText(), s.path("why").asText()));
            out.printf("%s %d/%d (skipped %d)%n", dryRun ? "would replay" : "replayed", replayed,
                    ids.size(), skipped.size());
        }
        out.printf("summary: %d matched, %d %s, %d skipped%n", ids.size(), replayed,
                dryRun ? "would be replayed (dry run: nothing changed)" : "replayed", skipped.size());
        skipped.forEach((id, why) -> out.println("  skipped " + id + ": " + why));
        return ExchangeNodeCli.OK;
    }

    private int quarantine(NodeApi api, Arguments a) {
        JsonNode list = api.get("/api/v1/operations/quarantine", filter(a, true));
        for (JsonNode q : list) {
            out.printf("%s  %s %s from %s  %s: %s%s%n", q.path("quarantineId").asText(), q.path("type").asText(""),
                    q.path("messageId").asText(""), q.path("claimedSender").asText(""), q.path("errorCode").asText(),
                    q.path("reason").asText(), q.path("resolution").isNull() || q.path("resolution").isMissingNode()
                            ? "" : "  [resolved by " + q.path("resolution").path("by").asText() + "]");
        }
        out.println(list.size() + " quarantined document(s) on this page");
        return ExchangeNodeCli.OK;
    }

    private int deadLetters(NodeApi api, Arguments a) {
        JsonNode list = api.get("/api/v1/operations/dead-letters", filter(a, true));
        for (JsonNode d : list) {
            out.printf("%s  %s %s from %s  sent %s  %s bytes%n", d.path("brokerId").asText(), d.path("type").asText(""),
                    d.path("messageId").asText(""), d.path("from").asText(""), d.path("sentAt").asText(),
                    d.path("bytes").asText());
        }
        out.println(list.size() + " dead letter(s) on this page");
        return ExchangeNodeCli.OK;
    }

    private int summary(JsonNode summary) {
        out.printf("summary: %d matched, %d %s, %d skipped%n", summary.path("matched").asInt(),
                summary.path("replayed").size(), summary.path("dryRun").asBoolean() ? "would be replayed (dry run)"
                        : "replayed", summary.path("skipped").size());
        summary.path("skipped").forEach(s -> out.println("  skipped " + s.path("id").asText() + ": "
                + s.path("why").asText()));
        return ExchangeNodeCli.OK;
    }

    private int print(JsonNode json) {
        out.println(json.toPrettyString());
        return ExchangeNodeCli.OK;
    }

    private static Map<String, Object> filter(Arguments a, boolean paging) {
        Map<String, Object> query = NodeApi.parameters("peer", a.optional("peer"), "type", a.optional("type"),
                "errorCode", a.all("error-code").isEmpty() ? null : a.optional("error-code"), "from", a.instant("from"),
                "to", a.instant("to"));
        if (paging) {
            query.put("page", a.optional("page"));
            query.put("size", a.optional("size"));
        }
        return query;
    }

    private static String reason(Arguments a) {
        String reason = a.optional("reason");
        if (reason == null || reason.isBlank()) {
            throw new Arguments.UsageException("option --reason is required: every operator action is recorded with "
                    + "its reason");
        }
        return reason;
    }

    private static String single(List<String> positional, String what) {
        if (positional.size() != 1) {
            throw new Arguments.UsageException("give exactly one " + what);
        }
        return positional.get(0);
    }

}
