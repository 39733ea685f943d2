package org.exchangenode.routes.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The node's durable record of messages, outbox and quarantine. Every method is one atomic unit: either all of its
 * rows are written or none. Failures of the database surface as transient {@code ExchangeException}s so that the
 * caller (a broker consumer, the relay) retries.
 */
public interface MessageStore {

    /** Stores a message this node composed and queues it for the broker. */
    void storeOutbound(NewMessage message, String destination);

    /**
     * Stores a verified inbound message together with the Receipt that answers it (queued for the broker).
     *
     * @return false, changing nothing, when a message with this id is already stored
     */
    boolean storeInbound(NewMessage message, NewMessage receipt, String receiptDestination);

    /** Counts a repeated delivery of an already stored message and queues a fresh Receipt for it. */
    void recordDuplicate(String messageId, NewMessage receipt, String receiptDestination);

    /** Keeps a refused document; queues the Error that answers it when there is one. */
    void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination);

    /**
     * Stores a verified Receipt (once) and marks the outbound message it names DELIVERED as of {@code deliveredAt},
     * the moment this node learnt of the delivery.
     *
     * @return false when the Receipt was already stored (nothing changes)
     */
    boolean recordReceipt(NewMessage receipt, String deliveredMessageId, Instant deliveredAt);

    /** Stores a verified Error (once) and marks the outbound message it names REJECTED with its code and reason. */
    boolean recordError(NewMessage error, String refusedMessageId, String code, String reason);

    /** Outbox entries due now, oldest first. */
    List<OutboxEntry> dueOutbox(Instant now, int limit);

    /** The broker took these messages: mark them SENT (unless already further) and clear their outbox rows. */
    void markSent(List<String> messageIds, Instant sentAt);

    /** Sending failed: count the attempt and try again at {@code nextAttempt}. */
    void deferOutbox(List<String> messageIds, String error, Instant nextAttempt);

    Optional<StoredMessage> find(String messageId);

    Optional<byte[]> content(String messageId);

    List<StoredMessage> list(MessageFilter filter);

    List<QuarantineRecord> quarantined(String messageId, int page, int size);

    Optional<QuarantineRecord> findQuarantined(String quarantineId);

    Optional<byte[]> quarantinedContent(String quarantineId);

    /** A cheap round trip, for readiness. */
    void ping();
}
