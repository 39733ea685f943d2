package org.exchangenode.routes.messages;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.exchangenode.core.envelope.ConversationIds;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * The operators' message search (issue 15): by message id, case id, peer, type, status, direction, error code and a
 * time range, newest first, a page at a time by an opaque cursor (keyset pagination on stored_at desc, message id
 * desc, so a deep page costs what the first does); its CSV export; the overview's counts. Every input is checked here
 * before any SQL runs: a bad one is an IllegalArgumentException naming the field and its rule, never its value (the
 * console shows it as a 400 page). The SQL is in {@link MessageSearchStore}'s JDBC implementation.
 */
@ApplicationScoped
public class MessageSearch {
    public static final int MAX_PAGE = 200, MAX_EXPORT = 10_000;
    /** Rows an export reads per query. */
    static final int EXPORT_CHUNK = 1_000;
    private static final Pattern MESSAGE_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The envelope's NodeIdType: a GB/T 2260 division code, optionally an agency suffix of 3 digits. */
    private static final Pattern NODE_ID = Pattern.compile("[1-9][0-9]{5}([0-9]{3})?");
    /** The transport schema's ErrorCodeType (the node's own codes follow it too). */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");
    private static final int MAX_FIELD = 100;
    private static final String CSV_HEADER = "messageId,direction,type,conversationId,peer,status,storedAt,errorCode";

    public record Criteria(String messageId, String conversationId, String peer, String type, String status,
                           String direction, String errorCode, Instant from, Instant to) {}
    public record Row(String messageId, String direction, String type, String conversationId, String peer,
                      String status, Instant storedAt, String errorCode) {}
    public record Page(List<Row> rows, String nextCursor) {}
    public record StatusCount(String peer, String direction, String status, long count) {}

    private final MessageSearchStore store;

    public MessageSearch(MessageSearchStore store) {
        this.store = store;
    }

    /** A page of at most {@code size} rows, newest first; {@code cursor} is null or a previous page's nextCursor. */
    public Page search(Criteria c, String cursor, int size) {
        Criteria criteria = checked(c);
        if (size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("size must be from 1 to " + MAX_PAGE);
        }
        MessageSearchStore.Position after = cursor == null ? null : SearchCursor.decode(cursor, criteria);
        List<Row> rows = store.page(criteria, after, size + 1);
        if (rows.size() <= size) {
            return new Page(List.copyOf(rows), null);
        }
        Row last = rows.get(size - 1);
        return new Page(List.copyOf(rows.subList(0, size)),
                SearchCursor.encode(new MessageSearchStore.Position(last.storedAt(), last.messageId()), criteria));
    }

    /**
     * Writes the header and at most {@code max} (1..{@link #MAX_EXPORT}) matching rows, newest first, as RFC 4180 CSV
     * (CRLF, quotes doubled); a cell that a spreadsheet would read as a formula gets a leading apostrophe. The caller
     * owns the writer's encoding (UTF-8) and flushing.
     *
     * @return the rows written, the header not counted
     */
    public int exportCsv(Criteria c, int max, Writer out) throws IOException {
        Criteria criteria = checked(c);
        if (max < 1 || max > MAX_EXPORT) {
            throw new IllegalArgumentException("max must be from 1 to " + MAX_EXPORT);
        }
        out.write(CSV_HEADER + "\r\n");
        int written = 0;
        MessageSearchStore.Position after = null;
        while (written < max) {
            int wanted = Math.min(EXPORT_CHUNK, max - written);
            List<Row> rows = store.page(criteria, after, wanted);
            for (Row r : rows) {
                out.write(String.join(",", cell(r.messageId()), cell(r.direction()), cell(r.type()),
                        cell(r.conversationId()), cell(r.peer()), cell(r.status()), cell(r.storedAt().toString()),
                        cell(r.errorCode())) + "\r\n");
            }
            written += rows.size();
            if (rows.size() < wanted) {
                break;
            }
            Row last = rows.get(rows.size() - 1);
            after = new MessageSearchStore.Position(last.storedAt(), last.messageId());
        }
        return written;
    }

    /** Messages stored since {@code since} by peer, direction and status (the overview). */
    public List<StatusCount> counts(Instant since) {
        if (since == null) {
            throw new IllegalArgumentException("since is required");
        }
        return store.counts(since);
    }

    /** One CSV cell: formula-leading characters neutralised, quoted when it holds a comma, quote or line break. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    static boolean isMessageId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }

    /**
     * The criteria checked field by field, message id in the envelope's lower case; null criteria mean any. Every
     * search checks its criteria; a caller that streams an export checks them first, before its response begins.
     */
    public static Criteria checked(Criteria c) {
        if (c == null) {
            throw new IllegalArgumentException("criteria are required");
        }
        String messageId = c.messageId() == null ? null : bounded("messageId", c.messageId()).toLowerCase(Locale.ROOT);
        if (messageId != null && !isMessageId(messageId)) {
            throw new IllegalArgumentException("messageId must be a UUID (8-4-4-4-12 hexadecimal digits)");
        }
        if (c.conversationId() != null && !ConversationIds.isValid(bounded("conversationId", c.conversationId()))) {
            throw new IllegalArgumentException("conversationId must be " + ConversationIds.RULE);
        }
        if (c.peer() != null && !NODE_ID.matcher(bounded("peer", c.peer())).matches()) {
            throw new IllegalArgumentException("peer must be a node id: a 6-digit division code, optionally followed "
                    + "by a 3-digit agency suffix");
        }
        oneOf("type", c.type(), Arrays.stream(MessageType.values()).map(MessageType::wireName).toList());
        oneOf("status", c.status(), Arrays.stream(MessageStatus.values()).map(Enum::name).toList());
        oneOf("direction", c.direction(), Arrays.stream(Direction.values()).map(Enum::name).toList());
        if (c.errorCode() != null && !ERROR_CODE.matcher(bounded("errorCode", c.errorCode())).matches()) {
            throw new IllegalArgumentException("errorCode must be an upper-case code of 3 to 64 letters, digits or '_'");
        }
        if (c.from() != null && c.to() != null && !c.from().isBefore(c.to())) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new Criteria(messageId, c.conversationId(), c.peer(), c.type(), c.status(), c.direction(),
                c.errorCode(), c.from(), c.to());
    }

    private static String bounded(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_FIELD) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_FIELD + " characters");
        }
        return value;
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(bounded(field, value))) {
            throw new IllegalArgumentException(field + " must be one of " + allowed.stream()
                    .collect(Collectors.joining(", ")));
        }
    }
}
