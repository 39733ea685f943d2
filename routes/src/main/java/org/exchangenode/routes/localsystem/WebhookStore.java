package org.exchangenode.routes.localsystem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.exchangenode.core.error.ErrorCode;

/**
 * Notifications of the local business system: queued with each received business message (by the message store, in
 * its transaction), delivered by {@code WebhookDelivery}, retried with backoff, FAILED after the last attempt and
 * then replayable by an operator.
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

    List<Due> due(Instant now, int limit);

    void delivered(String messageId, Instant now);

    /** Records a failed POST: tried again at {@code next}, or FAILED when it was the last attempt allowed. */
    default void failed(String messageId, String error, Instant next, boolean last, Instant now) {
        failed(messageId, ErrorCode.TRANSIENT_FAILURE, error, next, last, now);
    }

    /** Records a failed attempt with its code: tried again at {@code next}, or FAILED when {@code last}. */
    void failed(String messageId, ErrorCode code, String error, Instant next, boolean last, Instant now);

    List<Notification> list(String status, int page, int size);

    /** An operator queues a FAILED notification again; false when it is not FAILED. */
    boolean replay(String messageId, String actor, String reason, Instant now);
}
