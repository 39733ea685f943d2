package org.exchangenode.routes.localsystem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.instances.Claim;

/**
 * Notifications of the local business system: queued with each received business message (by the message store, in
 * its transaction), delivered by {@code WebhookDelivery}, retried with backoff, FAILED after the last attempt and
 * then replayable by an operator. Several instances of one node share the queue: each notification is claimed by one
 * of them before it is posted, and its outcome is recorded only while that claim holds, so a DELIVERED notification
 * is never set back by an instance whose claim expired.
 */
public interface WebhookStore {

    /** A notification due now, with what the local system is sent. */
    record Due(String messageId, int attempts, String type, String conversationId, String from, String to,
               OffsetDateTime createdAt, OffsetDateTime storedAt, byte[] content) {
    }

    /** A notification as operators see it; {@code errorCode} and {@code lastError} say why the last attempt failed. */
    record Notification(String messageId, String status, int attempts, OffsetDateTime nextAttemptAt, String errorCode,
                        String lastError, OffsetDateTime createdAt, OffsetDateTime deliveredAt) {
    }

    /** Claims up to {@code limit} notifications due now that no live claim holds, and returns them. */
    List<Due> claim(Claim claim, Instant now, int limit);

    /** Records the delivery while {@code claim} holds the notification; false (nothing written) when it does not. */
    boolean delivered(Claim claim, String messageId, Instant now);

    /** Records a failed POST: tried again at {@code next}, or FAILED when it was the last attempt allowed. */
    default boolean failed(Claim claim, String messageId, String error, Instant next, boolean last, Instant now) {
        return failed(claim, messageId, ErrorCode.TRANSIENT_FAILURE, error, next, last, now);
    }

    /**
     * Records a failed attempt with its code: tried again at {@code next}, or FAILED when {@code last}. Only while
     * {@code claim} holds the notification; false (nothing written) when it does not.
     */
    boolean failed(Claim claim, String messageId, ErrorCode code, String error, Instant next, boolean last,
                   Instant now);

    /** Gives up the notifications {@code claim} still holds (not attempted), for any instance to take at once. */
    void release(Claim claim);

    List<Notification> list(String status, int page, int size);

    /** An operator queues a FAILED notification again; false when it is not FAILED. */
    boolean replay(String messageId, String actor, String reason, Instant now);
}
