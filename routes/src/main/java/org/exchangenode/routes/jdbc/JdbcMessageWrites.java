package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.audit.MessageAudit;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OutboxHandover;

/** The storing half of {@link JdbcMessageStore}: a message, what it writes beside, and the answers to it. */
final class JdbcMessageWrites {
    private final Jdbc jdbc;
    private final AuditLog audit;
    private final boolean notifyLocalSystem;
    private final OutboxHandover handover;

    JdbcMessageWrites(Jdbc jdbc, AuditLog audit, boolean notifyLocalSystem, OutboxHandover handover) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.notifyLocalSystem = notifyLocalSystem;
        this.handover = handover;
    }

    /** A transaction that writes one outbox row, claimed by {@code claim} (null: unclaimed). */
    private interface Queuing<T> {
        T run(Connection c, Claim claim) throws SQLException;
    }

    /**
     * Runs {@code work}, which queues {@code queued} for {@code destination}, with a slot of the relay's hand-over
     * when one is free: the row is written claimed for the relay and handed to it after the commit. When the
     * transaction fails, or {@code written} says it wrote nothing, the slot is given back. Inside a {@link GroupCommit}
     * the row is handed over when the group commits, and its slot given back if the group rolls back.
     */
    private <T> T queuing(NewMessage queued, String destination, Predicate<T> written, Queuing<T> work) {
        OutboxHandover.Slot slot = handover.reserve(Instant.now(), queued.content().length);
        Claim claim = slot == null ? null : slot.claim();
        boolean queuedRow = false;
        try {
            T result = jdbc.inTransaction(c -> work.run(c, claim));
            queuedRow = written.test(result);
            return result;
        } finally {
            if (!queuedRow) {
                if (slot != null) {
                    handover.release(slot);
                }
            } else {
                // in a group commit the row is the relay's only once the group commits, and not at all if it rolls back
                jdbc.afterOutcome(() -> {
                    if (slot == null) {
                        handover.requestPoll();
                    } else {
                        handover.hand(slot, new OutboxEntry(queued.header().messageId(),
                                queued.header().type().wireName(), queued.header().from(), destination, 0, 0, 0,
                                queued.content()));
                    }
                }, () -> {
                    if (slot != null) {
                        handover.release(slot);
                    }
                });
            }
        }
    }

    void storeOutbound(MessageWrite write) {
        queuing(write.message(), write.destination(), r -> true, (c, claim) -> {
            insertQueued(c, write.message(), write.destination(), claim);
            alsoWritten(c, write);
            audit.append(c, write.audit());
            return null;
        });
    }

    /**
     * Stores a received message with its Receipt, or nothing when its id is stored already: its insert comes first
     * and its key says so (no read before it), and when another consumer stored it a moment ago this waits for that
     * commit and finds the key taken too.
     */
    boolean storeInbound(MessageWrite write) {
        NewMessage message = write.message();
        return unlessStored(() -> queuing(write.queued(), write.destination(), Boolean::booleanValue, (c, claim) -> {
            insertFirst(c, message, 1);
            insertQueued(c, write.queued(), write.destination(), claim);
            alsoWritten(c, write);
            if (write.entersPullInbox()) {
                JdbcPullInboxStore.enter(c, message.header(), Instant.now());
                if (notifyLocalSystem) {
                    JdbcWebhookStore.queue(c, message.header().messageId(), Instant.now());
                }
            }
            audit.append(c, write.audit());
            return true;
        }));
    }

    /** The case change with its steps, then the drop file or Ping the message records. */
    private static void alsoWritten(Connection c, MessageWrite write) throws SQLException {
        if (write.caseChange() != null) {
            JdbcCaseWrites.apply(c, write.caseChange(), write.message());
        }
        if (write.fileDrop() != null) {
            MessageWrite.FileDrop drop = write.fileDrop();
            // a duplicate key fails the transaction when another instance recorded the same file meanwhile
            try (PreparedStatement s = c.prepareStatement("insert into exn_file_drop (file_digest, file_name, message_id, "
                    + "conversation_id, to_node, accepted_at) values (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, drop.digest());
                s.setString(2, Jdbc.truncate(drop.fileName(), 255));
                s.setString(3, drop.messageId());
                s.setString(4, drop.conversationId());
                s.setString(5, drop.to());
                Jdbc.set(s, 6, drop.at());
                s.executeUpdate();
            }
        }
        if (write.reminded() != null) {
            remind(c, write.reminded());
        }
        if (write.ping() != null) {
            MessageWrite.Ping ping = write.ping();
            try (PreparedStatement s = c.prepareStatement("insert into exn_ping (ping_id, peer_node, nonce, sent_at) "
                    + "values (?, ?, ?, ?)")) {
                s.setString(1, ping.pingId());
                s.setString(2, ping.peer());
                s.setString(3, ping.nonce());
                Jdbc.set(s, 4, ping.at());
                s.executeUpdate();
            }
        }
    }

    /** A duplicate key fails the transaction when another instance sent the Reminder for this step and level. */
    private static void remind(Connection c, MessageWrite.Reminded reminded) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into exn_reminder (case_id, step, alert, message_id, "
                + "sent_at) values (?, ?, ?, ?, ?)")) {
            s.setString(1, reminded.caseId());
            s.setString(2, reminded.step().name());
            s.setString(3, reminded.alert().name());
            s.setString(4, reminded.messageId());
            Jdbc.set(s, 5, reminded.at());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("update exn_case_step set reminded_alert = ? where case_id = ? "
                + "and step = ?")) {
            s.setString(1, reminded.alert().name());
            s.setString(2, reminded.caseId());
            s.setString(3, reminded.step().name());
            s.executeUpdate();
        }
    }

    void recordDuplicate(String messageId, NewMessage receipt, String receiptDestination) {
        queuing(receipt, receiptDestination, r -> true, (c, claim) -> {
            try (PreparedStatement s = c.prepareStatement("update exn_message set deliveries = deliveries + 1, "
                    + "receipts_sent = receipts_sent + 1, updated_at = ? where message_id = ?")) {
                Jdbc.set(s, 1, Instant.now());
                s.setString(2, messageId);
                if (s.executeUpdate() != 1) {
                    throw new ExchangeException(ErrorCode.INTERNAL, "duplicate of unknown message " + messageId);
                }
            }
            insertQueued(c, receipt, receiptDestination, claim);
            audit.append(c, List.of(MessageAudit.event(receipt, "again, for a repeated delivery of " + messageId)));
            return null;
        });
    }

    boolean recordReceipt(NewMessage receipt, String deliveredMessageId, Instant deliveredAt) {
        return storeAnswer(receipt, deliveredMessageId, "status = ?, delivered_at = ?, receipt_message_id = ?", s -> {
            s.setString(1, MessageStatus.DELIVERED.name());
            Jdbc.set(s, 2, deliveredAt);
            s.setString(3, receipt.header().messageId());
        });
    }

    boolean recordError(NewMessage error, String refusedMessageId, String code, String reason) {
        return storeAnswer(error, refusedMessageId, "status = ?, error_code = ?, error_reason = ?", s -> {
            s.setString(1, MessageStatus.REJECTED.name());
            s.setString(2, Jdbc.truncate(code, 64));
            s.setString(3, Jdbc.truncate(reason, 2000));
        });
    }

    /**
     * Stores a peer's answer (Receipt or Error) once, and applies {@code assignments} (three parameters, bound by
     * {@code binder}) to the outbound message it answers, unless that one is already DELIVERED.
     */
    private boolean storeAnswer(NewMessage answer, String answeredMessageId, String assignments, Jdbc.Binder binder) {
        return unlessStored(() -> jdbc.inTransaction(c -> {
            insertFirst(c, answer, 0);
            try (PreparedStatement s = c.prepareStatement("update exn_message set " + assignments + ", updated_at = ?, "
                    + "receipt_due_at = null where message_id = ? and direction = ? and status <> ?")) {
                binder.bind(s);
                Jdbc.set(s, 4, Instant.now());
                s.setString(5, answeredMessageId);
                s.setString(6, Direction.OUTBOUND.name());
                s.setString(7, MessageStatus.DELIVERED.name());
                s.executeUpdate();
            }
            audit.append(c, List.of(MessageAudit.event(answer, null)));
            return true;
        }));
    }

    /**
     * The insert of a received message, the first statement of its transaction. A select before it cost a statement
     * per received message (two of the 49.6 a letter cost on PostgreSQL) and did not settle a race anyway: two
     * consumers given the same message both found nothing, and the second's insert failed on the key as a
     * transient failure, which made the broker deliver it again.
     *
     * @throws AlreadyStored when the message id is stored already; the transaction then rolls back having written
     *                       nothing (on PostgreSQL the failed statement has aborted it anyway)
     */
    private static void insertFirst(Connection c, NewMessage m, int receiptsSent) throws SQLException {
        try {
            insert(c, m, receiptsSent);
        } catch (SQLException e) {
            // the message id is the table's only unique key
            if (Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new AlreadyStored();
            }
            throw e;
        }
    }

    /** {@code store}'s result, or false when its message was {@linkplain AlreadyStored stored already}. */
    private static boolean unlessStored(BooleanSupplier store) {
        try {
            return store.getAsBoolean();
        } catch (AlreadyStored e) {
            return false;
        }
    }

    /** A received message's id is stored already: its transaction rolls back and the caller answers "not stored". */
    private static final class AlreadyStored extends RuntimeException {
        AlreadyStored() {
            super("message stored already", null, false, false);
        }
    }

    /** A message this node composed, stored together with its outbox row, claimed by {@code claim} unless null. */
    static void insertQueued(Connection c, NewMessage message, String destination, Claim claim) throws SQLException {
        insert(c, message, 0);
        enqueue(c, message.header().messageId(), destination, claim);
    }

    private static void insert(Connection c, NewMessage m, int receiptsSent) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement s = c.prepareStatement("insert into exn_message (message_id, direction, message_type, "
                + "conversation_id, ref_to_message_id, from_node, to_node, peer_node, status, created_at, stored_at, "
                + "updated_at, signature_algorithm, content_digest, content, receipts_sent) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, m.header().messageId());
            s.setString(2, m.direction().name());
            s.setString(3, m.header().type().wireName());
            s.setString(4, m.header().conversationId());
            s.setString(5, m.header().refToMessageId());
            s.setString(6, m.header().from());
            s.setString(7, m.header().to());
            s.setString(8, m.peer());
            s.setString(9, m.status().name());
            Jdbc.set(s, 10, m.header().createdAt());
            Jdbc.set(s, 11, now);
            Jdbc.set(s, 12, now);
            s.setString(13, m.signatureAlgorithm());
            s.setString(14, m.contentDigest());
            s.setBytes(15, m.content());
            s.setInt(16, receiptsSent);
            s.executeUpdate();
        }
    }

    /** Queues a stored message for the relay; {@code claim}, unless null, holds the row for the hand-over. */
    static void enqueue(Connection c, String messageId, String destination, Claim claim) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement s = c.prepareStatement("insert into exn_outbox (message_id, destination, attempts, "
                + "next_attempt_at, created_at, claimed_by, claim_token, claimed_until) values (?, ?, 0, ?, ?, ?, ?, ?)")) {
            s.setString(1, messageId);
            s.setString(2, destination);
            Jdbc.set(s, 3, now);
            Jdbc.set(s, 4, now);
            s.setString(5, claim == null ? null : claim.holder());
            s.setString(6, claim == null ? null : claim.token());
            Jdbc.set(s, 7, claim == null ? null : claim.until());
            s.executeUpdate();
        }
    }
}
