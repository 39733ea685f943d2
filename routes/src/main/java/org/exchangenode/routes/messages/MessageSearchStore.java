package org.exchangenode.routes.messages;

import java.time.Instant;
import java.util.List;

/**
 * The reads behind the console's message search ({@link MessageSearch}), which has already validated what it passes.
 * Every query is served by an index that holds its filter ahead of the order (stored_at desc, message_id desc), so a
 * page costs the same on the first page and the thousandth.
 */
public interface MessageSearchStore {

    /** Where a page ends: the next page holds the rows strictly after it in the order. */
    record Position(Instant storedAt, String messageId) {
    }

    /**
     * At most {@code limit} messages matching {@code criteria}, newest first (stored_at desc, message_id desc),
     * strictly after {@code after} when it is not null. {@code from} is inclusive, {@code to} exclusive.
     */
    List<MessageSearch.Row> page(MessageSearch.Criteria criteria, Position after, int limit);

    /** Messages stored since {@code since} (inclusive) by peer, direction and status. */
    List<MessageSearch.StatusCount> counts(Instant since);
}
