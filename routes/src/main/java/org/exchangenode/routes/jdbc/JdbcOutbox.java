package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OverdueMessage;
import org.exchangenode.routes.outbound.SentMessage;

/** The relay half of {@link JdbcMessageStore}: the outbox, sends and their attempts, overdue Receipts, resend and replay. */
final class JdbcOutbox {
    private final Jdbc jdbc;
    private final AuditLog audit;
    private final JdbcClaims claims;
    private final MessageMetrics metrics;

    JdbcOutbox(Jdbc jdbc, AuditLog audit, boolean skipLocked, MessageMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.audit = audit;
        this.claims = new JdbcClaims("exn_outbox", skipLocked);
    }

    /** Claims up to {@code limit} due rows and reads what sending them needs, in one transaction. */
    List<OutboxEntry> claimOutbox(Claim claim, Instant now, int limit) {
        return jdbc.inTransaction(c -> {
            if (claims.claim(c, "next_attempt_at <= ?", s -> Jdbc.set(s, 1, now), 1, "created_at, message_id", claim,
                    now, limit).isEmpty()) {
                return List.of();
            }
            try (PreparedStatement s = c.prepareStatement("select o.message_id, m.message_type, m.from_node, "
                    + "o.destination, o.attempts, m.send_count, o.refusals, m.content "
                    + "from exn_outbox o join exn_message m on m.message_id = o.message_id "
                    + "where o.claim_token = ? order by o.created_at, o.message_id")) {
                s.setString(1, claim.token());
                return Jdbc.rows(s, rs -> new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getBytes(8)));
            }
        });
    }

    /** Deletes the outbox row while {@code claim} holds it: false when its claim expired and was taken over. */
    private static boolean unqueue(Connection c, Claim claim, String messageId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from exn_outbox where message_id = ? "
                + "and claim_token = ?")) {
            delete.setString(1, messageId);
            delete.setString(2, claim.token());
            return delete.executeUpdate() == 1;
        }
    }

    /**
     * Records the sends that {@code claim} still holds. Run again when the database ends a deadlock with it: the letters
     * of the batch are updated in order, while an inbox group may hold some of them answered (a fast Receipt) and wait
     * for another of the batch.
     */
    void markSent(Claim claim, List<SentMessage> sent, Instant sentAt) {
        jdbc.inTransactionAgainIfVictim(c -> {
            List<SentMessage> held = new ArrayList<>();
            for (SentMessage message : sent) {
                if (unqueue(c, claim, message.messageId())) {
                    held.add(message);
                }
            }
            // a message answered meanwhile keeps its status and is not watched for a Receipt any more
            try (PreparedStatement update = c.prepareStatement("update exn_message set sent_at = ?, updated_at = ?, "
                    + "send_count = ?, receipt_due_at = case when status in (?, ?) then cast(? as timestamp with time zone) else null end, "
                    + "status = case when status = ? then ? else status end where message_id = ?");
                 PreparedStatement attempt = attemptStatement(c)) {
                for (SentMessage message : held) {
                    Jdbc.set(update, 1, sentAt);
                    Jdbc.set(update, 2, sentAt);
                    update.setInt(3, message.send());
                    update.setString(4, MessageStatus.STORED.name());
                    update.setString(5, MessageStatus.SENT.name());
                    Jdbc.set(update, 6, message.receiptDueAt());
                    update.setString(7, MessageStatus.STORED.name());
                    update.setString(8, MessageStatus.SENT.name());
                    update.setString(9, message.messageId());
                    update.addBatch();
                    addAttempt(attempt, message.messageId(), message.send(), "SENT", sentAt, null);
                }
                update.executeBatch();
                attempt.executeBatch();
            }
            return null;
        }, () -> metrics.deadlockRetry("relay.mark-sent"));
    }

    void deferOutbox(Claim claim, List<String> messageIds, String error, Instant nextAttempt) {
        jdbc.inTransaction(c -> {
            Instant now = Instant.now();
            // the attempt row first: it is written only while the row has not been deferred yet
            try (PreparedStatement s = c.prepareStatement("update exn_outbox set attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ?, claimed_by = null, claim_token = null, claimed_until = null "
                    + "where message_id = ? and claim_token = ?");
                 PreparedStatement attempt = c.prepareStatement("insert into exn_send_attempt (message_id, attempt, "
                         + "outcome, at, detail) select m.message_id, m.send_count + 1, 'BROKER_UNAVAILABLE', ?, ? "
                         + "from exn_message m join exn_outbox o on o.message_id = m.message_id "
                         + "where m.message_id = ? and o.attempts = 0 and o.claim_token = ?")) {
                for (String id : messageIds) {
                    Jdbc.set(s, 1, nextAttempt);
                    s.setString(2, Jdbc.truncate(error, 2000));
                    s.setString(3, id);
                    s.setString(4, claim.token());
                    s.addBatch();
                    Jdbc.set(attempt, 1, now);
                    attempt.setString(2, Jdbc.truncate(error, 2000));
                    attempt.setString(3, id);
                    attempt.setString(4, claim.token());
                    attempt.addBatch();
                }
                attempt.executeBatch();
                s.executeBatch();
            }
            return null;
        });
    }

    void refuseOutbox(Claim claim, String messageId, int refusal, String reason, Instant nextAttempt, Instant now) {
        jdbc.inTransaction(c -> {
            String detail = "refusal " + refusal + ": " + reason;
            // the outbox row first, while the claim holds it; a row taken over by another instance is left alone
            if (nextAttempt != null) {
                try (PreparedStatement s = c.prepareStatement("update exn_outbox set refusals = ?, next_attempt_at = ?, "
                        + "last_error = ?, claimed_by = null, claim_token = null, claimed_until = null "
                        + "where message_id = ? and claim_token = ?")) {
                    s.setInt(1, refusal);
                    Jdbc.set(s, 2, nextAttempt);
                    s.setString(3, Jdbc.truncate(detail, 2000));
                    s.setString(4, messageId);
                    s.setString(5, claim.token());
                    if (s.executeUpdate() != 1) {
                        return null;
                    }
                }
            } else if (!unqueue(c, claim, messageId)) {
                return null;
            }
            try (PreparedStatement attempt = c.prepareStatement("insert into exn_send_attempt (message_id, attempt, "
                    + "outcome, at, detail) select message_id, send_count + 1, ?, ?, ? from exn_message where message_id = ?")) {
                attempt.setString(1, nextAttempt == null ? MessageStatus.FAILED.name() : ErrorCode.BROKER_REFUSED.name());
                Jdbc.set(attempt, 2, now);
                attempt.setString(3, Jdbc.truncate(detail, 2000));
                attempt.setString(4, messageId);
                attempt.executeUpdate();
            }
            if (nextAttempt != null) {
                return null;
            }
            // a message answered meanwhile (a Receipt for an earlier send) keeps its status
            try (PreparedStatement s = c.prepareStatement("update exn_message set status = ?, error_code = ?, "
                    + "error_reason = ?, receipt_due_at = null, updated_at = ? where message_id = ? and status in (?, ?)")) {
                s.setString(1, MessageStatus.FAILED.name());
                s.setString(2, ErrorCode.BROKER_REFUSED.name());
                s.setString(3, Jdbc.truncate("the broker refused it " + refusal + " times: " + reason, 2000));
                Jdbc.set(s, 4, now);
                s.setString(5, messageId);
                s.setString(6, MessageStatus.STORED.name());
                s.setString(7, MessageStatus.SENT.name());
                if (s.executeUpdate() == 1) {
                    audit.append(c, List.of(AuditEvent.byNode(AuditKind.DELIVERY_FAILED, messageId,
                            ErrorCode.BROKER_REFUSED.name() + " after " + refusal + " refusals: " + reason, null)));
                }
            }
            return null;
        });
    }

    List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        return jdbc.query("select message_id, message_type, to_node, send_count from exn_message where status = ? "
                        + "and receipt_due_at <= ? order by receipt_due_at, message_id fetch first " + limit + " rows only",
                s -> {
                    s.setString(1, MessageStatus.SENT.name());
                    Jdbc.set(s, 2, now);
                },
                rs -> new OverdueMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
    }

    boolean resend(OverdueMessage message, String destination, Instant now) {
        return jdbc.inTransaction(c -> {
            if (!clearDue(c, message, null, null, now)) {
                return false;
            }
            JdbcMessageWrites.enqueue(c, message.messageId(), destination, null);
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, message.messageId(), message.sendCount(), "RECEIPT_TIMEOUT", now, null);
                attempt.executeBatch();
            }
            audit.append(c, List.of(AuditEvent.byNode(AuditKind.MESSAGE_RESENT, message.messageId(),
                    "no Receipt after send " + message.sendCount() + "; queued again to " + message.to(), null)));
            return true;
        });
    }

    boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        return jdbc.inTransaction(c -> {
            if (!clearDue(c, message, MessageStatus.FAILED, reason, now)) {
                return false;
            }
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, message.messageId(), message.sendCount(), "FAILED", now, reason);
                attempt.executeBatch();
            }
            audit.append(c, List.of(AuditEvent.byNode(AuditKind.DELIVERY_FAILED, message.messageId(), reason, null)));
            return true;
        });
    }

    List<SendAttempt> attempts(String messageId) {
        return jdbc.query("select attempt, outcome, at, detail from exn_send_attempt where message_id = ? order by at, attempt",
                s -> s.setString(1, messageId),
                rs -> new SendAttempt(rs.getInt(1), rs.getString(2), Jdbc.time(rs, "at"), rs.getString(4)));
    }

    boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
        return jdbc.inTransaction(c -> {
            int sendCount;
            try (PreparedStatement s = c.prepareStatement("select send_count from exn_message where message_id = ? "
                    + "and direction = ? and status = ? for update")) {
                s.setString(1, messageId);
                s.setString(2, Direction.OUTBOUND.name());
                s.setString(3, MessageStatus.FAILED.name());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    sendCount = rs.getInt(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("update exn_message set status = ?, error_code = null, "
                    + "error_reason = null, receipt_due_at = null, updated_at = ? where message_id = ?")) {
                s.setString(1, MessageStatus.STORED.name());
                Jdbc.set(s, 2, now);
                s.setString(3, messageId);
                s.executeUpdate();
            }
            JdbcMessageWrites.enqueue(c, messageId, destination, null);
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, messageId, sendCount, "REPLAYED", now, "by " + actor + ": " + reason);
                attempt.executeBatch();
            }
            audit.append(c, List.of(new AuditEvent(AuditKind.OPERATOR_ACTION, messageId, actor,
                    "replay of FAILED message " + messageId + " to " + destination + ": " + reason, null)));
            return true;
        });
    }

    /** Takes an overdue message out of the watch, only if it is still SENT and overdue (the guard for races). */
    private static boolean clearDue(Connection c, OverdueMessage message, MessageStatus newStatus, String reason,
                                    Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update exn_message set receipt_due_at = null, updated_at = ?, "
                + "status = coalesce(?, status), error_code = coalesce(?, error_code), error_reason = coalesce(?, error_reason) "
                + "where message_id = ? and status = ? and receipt_due_at is not null and send_count = ?")) {
            Jdbc.set(s, 1, now);
            s.setString(2, newStatus == null ? null : newStatus.name());
            s.setString(3, newStatus == null ? null : ErrorCode.RECEIPT_TIMEOUT.name());
            s.setString(4, Jdbc.truncate(reason, 2000));
            s.setString(5, message.messageId());
            s.setString(6, MessageStatus.SENT.name());
            s.setInt(7, message.sendCount());
            return s.executeUpdate() == 1;
        }
    }

    private static PreparedStatement attemptStatement(Connection c) throws SQLException {
        return c.prepareStatement("insert into exn_send_attempt (message_id, attempt, outcome, at, detail) "
                + "values (?, ?, ?, ?, ?)");
    }

    private static void addAttempt(PreparedStatement s, String messageId, int attempt, String outcome, Instant at,
                                   String detail) throws SQLException {
        s.setString(1, messageId);
        s.setInt(2, attempt);
        s.setString(3, outcome);
        Jdbc.set(s, 4, at);
        s.setString(5, Jdbc.truncate(detail, 2000));
        s.addBatch();
    }
}
