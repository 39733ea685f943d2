package org.exchangenode.routes.messages;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.operations.QuarantineRecord;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OverdueMessage;
import org.exchangenode.routes.outbound.SentMessage;

/**
 * The node's durable record of messages, outbox and quarantine. Every method is one atomic unit: either all of its
 * rows are written or none. Failures of the database surface as transient {@code ExchangeException}s so that the
 * caller (a broker consumer, the relay) retries.
 */
public interface MessageStore {

    /** Stores a message this node composed and queues it for the broker. */
    default void storeOutbound(NewMessage message, String destination) {
        storeOutbound(MessageWrite.outbound(message, destination));
    }

    /**
     * Stores a message this node composed and everything its write says (case, steps, drop file, Ping), atomically.
     * A store with a relay hand-over ({@code OutboxHandover}) writes the outbox row claimed and hands it to the relay
     * after the commit, or asks the relay to poll; so does every other write that queues a row.
     */
    void storeOutbound(MessageWrite write);

    /**
     * Stores a verified inbound message together with the Receipt that answers it (queued for the broker).
     *
     * @return false, changing nothing, when a message with this id is already stored
     */
    default boolean storeInbound(NewMessage message, NewMessage receipt, String receiptDestination) {
        return storeInbound(MessageWrite.inbound(message, receipt, receiptDestination));
    }

    /**
     * As {@link #storeInbound(NewMessage, NewMessage, String)}, with everything the write says (its change to the case
     * and steps; a business message's pull-inbox entry and local-system notification), atomically.
     *
     * @return false, changing nothing, when a message with this id is already stored
     */
    boolean storeInbound(MessageWrite write);

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

    /**
     * Claims up to {@code limit} outbox entries due now, oldest first, that no other instance holds a live claim on
     * (rows another instance is claiming at this moment are skipped, not waited for), and returns them. Several
     * instances of one node share the outbox: each entry is handed to one of them at a time.
     */
    List<OutboxEntry> claimOutbox(Claim claim, Instant now, int limit);

    /**
     * The broker took these messages: mark them SENT (unless already further), record the send, set when their
     * Receipt is due (null for transport messages, which are never resent) and clear their outbox rows. Only the rows
     * {@code claim} still holds: a row whose claim expired and was taken over is left to its new holder.
     */
    void markSent(Claim claim, List<SentMessage> sent, Instant sentAt);

    /**
     * The broker could not be reached: try again at {@code nextAttempt}, and give the claim up. Only the first
     * deferral of an outbox row is recorded as a send attempt (BROKER_UNAVAILABLE), so that an outage writes one row
     * per message, not one per poll. Only the rows {@code claim} still holds.
     */
    void deferOutbox(Claim claim, List<String> messageIds, String error, Instant nextAttempt);

    /**
     * The broker refused this message itself, for the {@code refusal}-th time, with {@code reason} (escaped and
     * bounded by the caller): recorded as a send attempt (BROKER_REFUSED) and tried again at {@code nextAttempt}; when
     * that is null, the message is FAILED with BROKER_REFUSED and the reason, leaves the outbox (an operator may
     * replay it) and the failure is audited. Only while {@code claim} still holds the row.
     */
    void refuseOutbox(Claim claim, String messageId, int refusal, String reason, Instant nextAttempt, Instant now);

    /** Sent business messages whose Receipt was due before {@code now}, most overdue first. */
    List<OverdueMessage> overdueReceipts(Instant now, int limit);

    /**
     * Queues an overdue message for another send (same message id), recording the time-out.
     *
     * @return false when it was meanwhile delivered, refused, failed or already queued (nothing changes)
     */
    boolean resend(OverdueMessage message, String destination, Instant now);

    /** No Receipt after the last send: FAILED with RECEIPT_TIMEOUT; false when it was meanwhile answered. */
    boolean failUndelivered(OverdueMessage message, String reason, Instant now);

    /** Every try to deliver an outbound message, oldest first. */
    List<SendAttempt> attempts(String messageId);

    Optional<StoredMessage> find(String messageId);

    Optional<byte[]> content(String messageId);

    List<StoredMessage> list(MessageFilter filter);

    /** Criteria for quarantined documents; null means any; {@code from}/{@code to} bound the time received. */
    record QuarantineFilter(String messageId, String peer, String type, String errorCode, Instant from, Instant to,
                            boolean unresolvedOnly, int page, int size) {
        public static QuarantineFilter byMessage(String messageId, int page, int size) {
            return new QuarantineFilter(messageId, null, null, null, null, null, false, page, size);
        }
    }

    List<QuarantineRecord> quarantined(QuarantineFilter filter);

    Optional<QuarantineRecord> findQuarantined(String quarantineId);

    Optional<byte[]> quarantinedContent(String quarantineId);

    /**
     * An operator replays a FAILED outbound message: it is queued again with the same message id (its next send
     * carries the next send number in the broker's duplicate id), the replay is recorded as an attempt and in the
     * audit log with who and why.
     *
     * @return false, changing nothing, when the message is not an outbound FAILED message
     */
    boolean replay(String messageId, String destination, String actor, String reason, Instant now);

    /** Marks a quarantined document resolved (it was re-verified and processed); false when it already was. */
    boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now);

    /**
     * Business messages by "DIRECTION.STATUS", inbound duplicates suppressed (deliveries beyond the first), Receipts
     * sent for inbound business messages, and unresolved quarantined documents.
     */
    record Counts(Map<String, Long> byStatus, long duplicatesSuppressed, long receiptsSent, long quarantined) {
    }

    Counts counts();

    /** A cheap round trip, for readiness. */
    void ping();
}
