package org.exchangenode.routes.localsystem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The local system's pull inbox: every received business message, listed in the order it was stored until the
 * local system acknowledges it. A message is entered by the message store in the transaction that stores it, so a
 * stored form is never missing from the inbox.
 */
public interface PullInboxStore {

    /** An inbox entry with the signed message as received. */
    record Entry(long sequence, String messageId, String type, String conversationId, String from,
                 OffsetDateTime receivedAt, OffsetDateTime acknowledgedAt, String acknowledgedBy, byte[] content) {
    }

    /** What an acknowledgement did, message by message. */
    record Acknowledged(List<String> acknowledged, List<String> alreadyAcknowledged, List<String> unknown) {
    }

    /**
     * Entries after {@code after} (a sequence number; 0 for the start), in order, at most {@code limit}; only the
     * unacknowledged ones unless {@code all}.
     */
    List<Entry> list(long after, int limit, boolean all, String type);

    /** Acknowledges these messages for {@code who}; repeating an acknowledgement changes nothing. */
    Acknowledged acknowledge(List<String> messageIds, String who, Instant now);
}
