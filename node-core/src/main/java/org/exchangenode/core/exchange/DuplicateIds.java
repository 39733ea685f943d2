package org.exchangenode.core.exchange;

import java.util.UUID;

/**
 * What the broker deduplicates a message on (Artemis {@code _AMQ_DUPL_ID}). The message id itself travels in the
 * message; this id says which attempt to carry it this is:
 * <ul>
 *   <li>send 1: the message id; send n: {@code <message id>#n}. A crash that repeats one send repeats its id and the
 *       broker drops the copy, while a deliberate resend (after a Receipt time-out, or an operator's replay) carries a
 *       new one and reaches the receiver;</li>
 *   <li>a dead letter moved back to the inbox: {@code <message id>#dlq-<random>}, never the id of a send, since the
 *       broker remembers the id the message first came with and would drop the copy.</li>
 * </ul>
 * Whatever gets through twice is absorbed by the receiver's duplicate check on the message id.
 */
public final class DuplicateIds {
    private DuplicateIds() {
    }

    /** The duplicate id of send number {@code send} (1 for the first) of a message. */
    public static String forSend(String messageId, int send) {
        return send == 1 ? messageId : messageId + "#" + send;
    }

    /** The duplicate id of a dead letter moved back to the inbox; "unknown" stands in for a missing message id. */
    public static String forDeadLetterReplay(String messageId, UUID random) {
        return (messageId == null ? "unknown" : messageId) + "#dlq-" + random;
    }
}
