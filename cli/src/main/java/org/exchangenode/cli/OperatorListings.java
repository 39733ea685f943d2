package org.exchangenode.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's listings over the node's operations API (role operator): counts, what failed, one message inspected
 * with personal data masked, quarantined documents, dead letters. Each prints text, or with {@code --output json}
 * the node's JSON as it answered.
 */
final class OperatorListings {
    private OperatorListings() {
    }

    @Command(name = "counts", header = "Messages by direction and status, duplicates, quarantine.",
        description = "Messages by direction and status, duplicates, quarantine: one line each, or the node's JSON.")
    static final class Counts extends NodeCommand {
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            com.fasterxml.jackson.databind.JsonNode counts = connection.api().get("/api/v1/messages/counts", Map.of());
            if (format.json()) {
                return json(counts);
            }
            counts.path("byStatus").fields().forEachRemaining(e -> out().println(e.getKey() + "  " + e.getValue().asLong()));
            for (String total : new String[] {"duplicatesSuppressed", "receiptsSent", "quarantined"}) {
                out().println(total + "  " + counts.path(total).asLong());
            }
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "failed", header = "FAILED outbound messages, newest first.",
        description = "FAILED outbound messages, newest first, one page.")
    static final class Failed extends NodeCommand {
        @Mixin
        ListingOptions.Filter filter;
        @Mixin
        ListingOptions.Page page;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            String row = "%-36s  %-16s  %-6s  %-5s  %-17s  %s";
            return listing(connection.api().get("/api/v1/operations/failed", page.with(filter.query())), format,
                    String.format(row, "MESSAGE ID", "TYPE", "PEER", "SENDS", "ERROR", "STORED AT"),
                    m -> String.format(row, m.path("messageId").asText(), m.path("type").asText(),
                            m.path("peer").asText(), m.path("sendCount").asText(),
                            m.path("error").path("code").asText(""), m.path("storedAt").asText()),
                    "FAILED message(s)");
        }
    }

    @Command(name = "inspect", header = "One message: header, attempts, errors, body with personal data masked.")
    static final class Inspect extends NodeCommand {
        @Parameters(paramLabel = "MESSAGE-ID", arity = "1", description = "the message's id")
        String id;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            JsonNode inspection = connection.api().get("/api/v1/operations/messages/" + id, Map.of());
            if (format.json()) {
                return json(inspection);
            }
            JsonNode m = inspection.path("message");
            out().printf("message   %s  %s %s  %s -> %s  case %s%n", m.path("messageId").asText(),
                    m.path("direction").asText(), m.path("type").asText(), m.path("from").asText(), m.path("to").asText(),
                    m.path("conversationId").asText());
            out().printf("status    %s  sends %s  stored %s  sent %s  delivered %s%n", m.path("status").asText(),
                    m.path("sendCount").asText(), m.path("storedAt").asText(), m.path("sentAt").asText(""),
                    m.path("deliveredAt").asText(""));
            if (!m.path("error").isMissingNode() && !m.path("error").isNull()) {
                out().printf("error     %s %s%n", m.path("error").path("code").asText(),
                        m.path("error").path("message").asText());
            }
            for (JsonNode attempt : inspection.path("attempts")) {
                out().printf("attempt   #%s %-17s %s %s%n", attempt.path("attempt").asText(),
                        attempt.path("outcome").asText(), attempt.path("at").asText(), attempt.path("detail").asText(""));
            }
            out().println("body (personal data masked):");
            out().println(inspection.path("maskedBody").asText());
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "quarantine", header = "Quarantined inbound documents and their resolution.",
        description = "Quarantined inbound documents and their resolution, one page.")
    static final class Quarantine extends NodeCommand {
        @Mixin
        ListingOptions.Filter filter;
        @Mixin
        ListingOptions.Page page;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            return listing(connection.api().get("/api/v1/operations/quarantine", page.with(filter.query())), format, null,
                    q -> String.format("%s  %s %s from %s  %s: %s%s", q.path("quarantineId").asText(),
                            q.path("type").asText(""), q.path("messageId").asText(""), q.path("claimedSender").asText(""),
                            q.path("errorCode").asText(), q.path("reason").asText(), resolved(q.path("resolution"))),
                    "quarantined document(s)");
        }

        private static String resolved(JsonNode resolution) {
            return resolution.isNull() || resolution.isMissingNode() ? ""
                    : "  [resolved by " + resolution.path("by").asText() + "]";
        }
    }

    @Command(name = "dead-letters", header = "This node's messages on its dead-letter queue.",
        description = "This node's messages on its dead-letter queue, one page.")
    static final class DeadLetters extends NodeCommand {
        @Mixin
        ListingOptions.Common filter;
        @Mixin
        ListingOptions.Page page;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            return listing(connection.api().get("/api/v1/operations/dead-letters", page.with(filter.query())), format, null,
                    d -> String.format("%s  %s %s from %s  sent %s  %s bytes", d.path("brokerId").asText(),
                            d.path("type").asText(""), d.path("messageId").asText(""), d.path("from").asText(""),
                            d.path("sentAt").asText(), d.path("bytes").asText()),
                    "dead letter(s)");
        }
    }

    @Command(name = "replay-requests", header = "Bulk replays waiting for, or decided by, a second operator (four eyes).",
        description = "Replay requests above the node's four-eyes threshold, newest first: who asked, how many ids, "
            + "why, and the decision.")
    static final class ReplayRequests extends NodeCommand {
        @Option(names = "--status", paramLabel = "STATUS", description = "PENDING, EXECUTING, EXECUTED, REJECTED or "
                + "EXPIRED (default: all)")
        Status status;
        @Option(names = "--size", paramLabel = "N", converter = Converters.Positive.class,
                description = "how many, newest first (the node's default 50)")
        Long size;
        @Mixin
        ListingOptions.Format format;

        @Override
        public Integer call() {
            return listing(connection.api().get("/api/v1/operations/replay-requests",
                            NodeApi.parameters("status", status, "size", size)), format, null,
                    r -> String.format("%s  %s %s id(s)  %s  requested by %s at %s: %s%s", r.path("id").asText(),
                            r.path("kind").asText(), r.path("ids").size(), r.path("status").asText(),
                            r.path("requestedBy").asText(), r.path("requestedAt").asText(), r.path("reason").asText(),
                            decision(r)),
                    "replay request(s)");
        }

        /** A request's status, as the node names it. */
        enum Status { PENDING, EXECUTING, EXECUTED, REJECTED, EXPIRED }

        private static String decision(JsonNode r) {
            if (r.path("decidedBy").isNull() || r.path("decidedBy").isMissingNode()) {
                return "PENDING".equals(r.path("status").asText())
                        ? "  [expires " + r.path("expiresAt").asText() + "]" : "";
            }
            String line = "  [" + r.path("status").asText().toLowerCase() + " by " + r.path("decidedBy").asText()
                    + ": " + r.path("decisionReason").asText() + "]";
            JsonNode result = r.path("result");
            return result.isNull() || result.isMissingNode() ? line : line + " " + result.path("replayed").size()
                    + " replayed, " + result.path("skipped").size() + " skipped";
        }
    }
}
