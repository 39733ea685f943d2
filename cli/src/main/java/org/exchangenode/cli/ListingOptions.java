package org.exchangenode.cli;

import java.time.Instant;
import java.util.Map;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import picocli.CommandLine.Option;

/** The filters and paging the operator's listings share, turned into the node API's query parameters. */
final class ListingOptions {
    private ListingOptions() {
    }

    /** By peer, type and time; {@link Filter} adds the error code where the node stores one. */
    static class Common {
        @Option(names = "--peer", paramLabel = "NODE-ID", description = "only messages to or from this peer node")
        String peer;

        @Option(names = "--type", paramLabel = "TYPE", converter = Converters.MessageTypes.class,
                completionCandidates = Converters.MessageTypes.class,
                description = "only this message type: ${COMPLETION-CANDIDATES}")
        MessageType type;

        @Option(names = "--from", paramLabel = "INSTANT", converter = Converters.Instants.class,
                description = "stored at or after, ISO-8601 such as 2026-11-26T00:00:00Z")
        Instant from;

        @Option(names = "--to", paramLabel = "INSTANT", converter = Converters.Instants.class,
                description = "stored before, ISO-8601")
        Instant to;

        Map<String, Object> query() {
            return NodeApi.parameters("peer", peer, "type", type == null ? null : type.wireName(), "from", from,
                    "to", to);
        }
    }

    static class Filter extends Common {
        @Option(names = "--error-code", paramLabel = "CODE",
                description = "only failures with this error code: ${COMPLETION-CANDIDATES}")
        ErrorCode errorCode;

        @Override
        Map<String, Object> query() {
            Map<String, Object> query = super.query();
            query.put("errorCode", errorCode);
            return query;
        }
    }

    /** One page of a listing. */
    static class Page {
        @Option(names = "--page", paramLabel = "N", converter = Converters.Page.class,
                description = "the page, from 0 (default 0)")
        Integer page;

        @Option(names = "--size", paramLabel = "N", converter = Converters.Positive.class,
                description = "entries per page (the node's default 50)")
        Long size;

        Map<String, Object> with(Map<String, Object> query) {
            query.put("page", page);
            query.put("size", size);
            return query;
        }
    }

    /** A listing as text for people, or as the node's JSON for scripts. */
    static class Format {
        @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
                description = "text (default) or json: the node's JSON as it answered, for scripts")
        Output output;

        boolean json() {
            return output == Output.json;
        }
    }

    /** How a listing prints; lower case as typed on the command line. */
    enum Output { text, json }
}
