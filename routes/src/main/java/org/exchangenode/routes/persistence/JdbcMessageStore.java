package org.exchangenode.routes.persistence;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.config.NodeConfig;

/** {@link MessageStore} on JDBC; the same SQL runs on H2 and PostgreSQL. */
@Singleton
public class JdbcMessageStore implements MessageStore {
    private static final String COLUMNS = "message_id, direction, message_type, conversation_id, ref_to_message_id, "
            + "from_node, to_node, peer_node, status, created_at, stored_at, sent_at, delivered_at, updated_at, "
            + "signature_algorithm, content_digest, deliveries, receipts_sent, receipt_message_id, error_code, error_reason, "
            + "send_count, receipt_due_at";
    private static final String QUARANTINE_COLUMNS = "quarantine_id, message_id, claimed_sender, message_type, "
            + "error_code, reason, received_at, error_message_id, unanswered, content_size, content_sm3";
    private static final String QUARANTINE_VIEW = QUARANTINE_COLUMNS + ", resolved_at, resolved_by, resolution";

    private final Jdbc jdbc;
    private final AuditLog audit;
    private final JdbcMessageWrites writes;

    public JdbcMessageStore(Database database, AuditLog audit, NodeConfig config) {
        this.jdbc = new Jdbc(database.dataSource());
        this.audit = audit;
        this.writes = new JdbcMessageWrites(jdbc, audit, config.localSystem().webhook().url().isPresent());
    }

    @Override
    public void storeOutbound(MessageWrite write) {
        writes.storeOutbound(write);
    }

    @Override
    public boolean storeInbound(MessageWrite write) {
        return writes.storeInbound(write);
    }

    @Override
    public void recordDuplicate(String messageId, NewMessage receipt, String receiptDestination) {
        writes.recordDuplicate(messageId, receipt, receiptDestination);
    }

    @Override
    public void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into exn_quarantine (" + QUARANTINE_COLUMNS
                    + ", content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, record.quarantineId());
                s.setString(2, Jdbc.truncate(record.messageId(), 100));
                s.setString(3, Jdbc.truncate(record.claimedSender(), 32));
                s.setString(4, Jdbc.truncate(record.type(), 32));
                s.setString(5, record.errorCode());
                s.setString(6, Jdbc.truncate(record.reason(), 2000));
                s.setObject(7, record.receivedAt());
                s.setString(8, record.errorMessageId());
                s.setString(9, Jdbc.truncate(record.unanswered(), 200));
                s.setLong(10, record.contentSize());
                s.setString(11, record.contentSm3());
                s.setBytes(12, content);
                s.executeUpdate();
            }
            List<AuditLog.Event> events = new ArrayList<>(2);
            events.add(AuditLog.Event.byNode(AuditKind.QUARANTINED, Jdbc.truncate(record.messageId(), 100),
                    "quarantine " + record.quarantineId() + " " + record.errorCode() + " claimed sender "
                            + record.claimedSender() + (content.length < record.contentSize() ? ", first "
                            + content.length + " of " + record.contentSize() + " bytes kept, SM3 of the whole "
                            + record.contentSm3() : ""), content));
            if (error != null) {
                JdbcMessageWrites.insertQueued(c, error, errorDestination);
                events.add(MessageAudit.event(error, null));
            }
            audit.append(c, events);
            return null;
        });
    }

    @Override
    public boolean recordReceipt(NewMessage receipt, String deliveredMessageId, Instant deliveredAt) {
        return writes.recordReceipt(receipt, deliveredMessageId, deliveredAt);
    }

    @Override
    public boolean recordError(NewMessage error, String refusedMessageId, String code, String reason) {
        return writes.recordError(error, refusedMessageId, code, reason);
    }

    @Override
    public List<OutboxEntry> dueOutbox(Instant now, int limit) {
        return jdbc.query("select o.message_id, m.message_type, m.from_node, o.destination, o.attempts, m.send_count, "
                        + "o.refusals, m.content "
                        + "from exn_outbox o join exn_message m on m.message_id = o.message_id "
                        + "where o.next_attempt_at <= ? order by o.created_at, o.message_id fetch first " + limit + " rows only",
                s -> Jdbc.set(s, 1, now),
                rs -> new OutboxEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getBytes(8)));
    }

    @Override
    public void markSent(List<SentMessage> sent, Instant sentAt) {
        jdbc.inTransaction(c -> {
            // a message answered meanwhile keeps its status and is not watched for a Receipt any more
            try (PreparedStatement update = c.prepareStatement("update exn_message set sent_at = ?, updated_at = ?, "
                    + "send_count = ?, receipt_due_at = case when status in (?, ?) then cast(? as timestamp with time zone) else null end, "
                    + "status = case when status = ? then ? else status end where message_id = ?");
                 PreparedStatement delete = c.prepareStatement("delete from exn_outbox where message_id = ?");
                 PreparedStatement attempt = attemptStatement(c)) {
                for (SentMessage message : sent) {
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
                    delete.setString(1, message.messageId());
                    delete.addBatch();
                    addAttempt(attempt, message.messageId(), message.send(), "SENT", sentAt, null);
                }
                update.executeBatch();
                delete.executeBatch();
                attempt.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void deferOutbox(List<String> messageIds, String error, Instant nextAttempt) {
        jdbc.inTransaction(c -> {
            Instant now = Instant.now();
            // the attempt row first: it is written only while the row has not been deferred yet
            try (PreparedStatement s = c.prepareStatement("update exn_outbox set attempts = attempts + 1, "
                    + "next_attempt_at = ?, last_error = ? where message_id = ?");
                 PreparedStatement attempt = c.prepareStatement("insert into exn_send_attempt (message_id, attempt, "
                         + "outcome, at, detail) select m.message_id, m.send_count + 1, 'BROKER_UNAVAILABLE', ?, ? "
                         + "from exn_message m join exn_outbox o on o.message_id = m.message_id "
                         + "where m.message_id = ? and o.attempts = 0")) {
                for (String id : messageIds) {
                    Jdbc.set(s, 1, nextAttempt);
                    s.setString(2, Jdbc.truncate(error, 2000));
                    s.setString(3, id);
                    s.addBatch();
                    Jdbc.set(attempt, 1, now);
                    attempt.setString(2, Jdbc.truncate(error, 2000));
                    attempt.setString(3, id);
                    attempt.addBatch();
                }
                attempt.executeBatch();
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void refuseOutbox(String messageId, int refusal, String reason, Instant nextAttempt, Instant now) {
        jdbc.inTransaction(c -> {
            String detail = "refusal " + refusal + ": " + reason;
            try (PreparedStatement attempt = c.prepareStatement("insert into exn_send_attempt (message_id, attempt, "
                    + "outcome, at, detail) select message_id, send_count + 1, ?, ?, ? from exn_message where message_id = ?")) {
                attempt.setString(1, nextAttempt == null ? MessageStatus.FAILED.name() : ErrorCode.BROKER_REFUSED.name());
                Jdbc.set(attempt, 2, now);
                attempt.setString(3, Jdbc.truncate(detail, 2000));
                attempt.setString(4, messageId);
                attempt.executeUpdate();
            }
            if (nextAttempt != null) {
                try (PreparedStatement s = c.prepareStatement("update exn_outbox set refusals = ?, next_attempt_at = ?, "
                        + "last_error = ? where message_id = ?")) {
                    s.setInt(1, refusal);
                    Jdbc.set(s, 2, nextAttempt);
                    s.setString(3, Jdbc.truncate(detail, 2000));
                    s.setString(4, messageId);
                    s.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement s = c.prepareStatement("delete from exn_outbox where message_id = ?")) {
                s.setString(1, messageId);
                s.executeUpdate();
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
                    audit.append(c, List.of(AuditLog.Event.byNode(AuditKind.DELIVERY_FAILED, messageId,
                            ErrorCode.BROKER_REFUSED.name() + " after " + refusal + " refusals: " + reason, null)));
                }
            }
            return null;
        });
    }

    @Override
    public List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        return jdbc.query("select message_id, message_type, to_node, send_count from exn_message where status = ? "
                        + "and receipt_due_at <= ? order by receipt_due_at, message_id fetch first " + limit + " rows only",
                s -> {
                    s.setString(1, MessageStatus.SENT.name());
                    Jdbc.set(s, 2, now);
                },
                rs -> new OverdueMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
    }

    @Override
    public boolean resend(OverdueMessage message, String destination, Instant now) {
        return jdbc.inTransaction(c -> {
            if (!clearDue(c, message, null, null, now)) {
                return false;
            }
            JdbcMessageWrites.enqueue(c, message.messageId(), destination);
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, message.messageId(), message.sendCount(), "RECEIPT_TIMEOUT", now, null);
                attempt.executeBatch();
            }
            audit.append(c, List.of(AuditLog.Event.byNode(AuditKind.MESSAGE_RESENT, message.messageId(),
                    "no Receipt after send " + message.sendCount() + "; queued again to " + message.to(), null)));
            return true;
        });
    }

    @Override
    public boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        return jdbc.inTransaction(c -> {
            if (!clearDue(c, message, MessageStatus.FAILED, reason, now)) {
                return false;
            }
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, message.messageId(), message.sendCount(), "FAILED", now, reason);
                attempt.executeBatch();
            }
            audit.append(c, List.of(AuditLog.Event.byNode(AuditKind.DELIVERY_FAILED, message.messageId(), reason, null)));
            return true;
        });
    }

    @Override
    public List<SendAttempt> attempts(String messageId) {
        return jdbc.query("select attempt, outcome, at, detail from exn_send_attempt where message_id = ? order by at, attempt",
                s -> s.setString(1, messageId),
                rs -> new SendAttempt(rs.getInt(1), rs.getString(2), Jdbc.time(rs, "at"), rs.getString(4)));
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

    @Override
    public Optional<StoredMessage> find(String messageId) {
        return jdbc.single("select " + COLUMNS + " from exn_message where message_id = ?", messageId,
                JdbcMessageStore::message);
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        return jdbc.single("select content from exn_message where message_id = ?", messageId, rs -> rs.getBytes(1));
    }

    @Override
    public List<StoredMessage> list(MessageFilter filter) {
        Where where = new Where()
                .equal("direction", filter.direction() == null ? null : filter.direction().name())
                .equal("message_type", filter.type())
                .equal("status", filter.status() == null ? null : filter.status().name())
                .equal("peer_node", filter.peer())
                .equal("conversation_id", filter.conversationId())
                .equal("error_code", filter.errorCode())
                .between("stored_at", filter.from(), filter.to());
        return jdbc.query("select " + COLUMNS + " from exn_message" + where.sql() + " order by stored_at desc, message_id "
                        + Jdbc.page(filter.page(), filter.size()), where::bind, JdbcMessageStore::message);
    }

    @Override
    public List<QuarantineRecord> quarantined(QuarantineFilter filter) {
        Where where = new Where()
                .equal("message_id", filter.messageId())
                .equal("claimed_sender", filter.peer())
                .equal("message_type", filter.type())
                .equal("error_code", filter.errorCode())
                .between("received_at", filter.from(), filter.to())
                .and(filter.unresolvedOnly(), "resolved_at is null");
        return jdbc.query("select " + QUARANTINE_VIEW + " from exn_quarantine" + where.sql()
                + " order by received_at desc, quarantine_id " + Jdbc.page(filter.page(), filter.size()), where::bind,
                JdbcMessageStore::quarantineRecord);
    }

    @Override
    public Optional<QuarantineRecord> findQuarantined(String quarantineId) {
        return jdbc.single("select " + QUARANTINE_VIEW + " from exn_quarantine where quarantine_id = ?", quarantineId,
                JdbcMessageStore::quarantineRecord);
    }

    @Override
    public Optional<byte[]> quarantinedContent(String quarantineId) {
        return jdbc.single("select content from exn_quarantine where quarantine_id = ?", quarantineId,
                rs -> rs.getBytes(1));
    }

    @Override
    public boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
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
            JdbcMessageWrites.enqueue(c, messageId, destination);
            try (PreparedStatement attempt = attemptStatement(c)) {
                addAttempt(attempt, messageId, sendCount, "REPLAYED", now, "by " + actor + ": " + reason);
                attempt.executeBatch();
            }
            audit.append(c, List.of(new AuditLog.Event(AuditKind.OPERATOR_ACTION, messageId, actor,
                    "replay of FAILED message " + messageId + " to " + destination + ": " + reason, null)));
            return true;
        });
    }

    @Override
    public boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_quarantine set resolved_at = ?, resolved_by = ?, "
                    + "resolution = ? where quarantine_id = ? and resolved_at is null")) {
                Jdbc.set(s, 1, now);
                s.setString(2, Jdbc.truncate(actor, 100));
                s.setString(3, Jdbc.truncate(resolution, 2000));
                s.setString(4, quarantineId);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            audit.append(c, List.of(new AuditLog.Event(AuditKind.OPERATOR_ACTION, null, actor,
                    "quarantine " + quarantineId + " resolved: " + resolution, null)));
            return true;
        });
    }

    @Override
    public Counts counts() {
        Map<String, Long> byStatus = new TreeMap<>();
        long[] extra = new long[2];
        jdbc.query("select direction, status, count(*), coalesce(sum(deliveries - 1), 0), coalesce(sum(receipts_sent), 0) "
                + "from exn_message where message_type not in (?, ?) group by direction, status", s -> {
                    s.setString(1, MessageType.RECEIPT.wireName());
                    s.setString(2, MessageType.ERROR.wireName());
                }, rs -> {
                    byStatus.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                    if (Direction.INBOUND.name().equals(rs.getString(1))) {
                        extra[0] += rs.getLong(4);
                        extra[1] += rs.getLong(5);
                    }
                    return null;
                });
        long quarantined = jdbc.query("select count(*) from exn_quarantine where resolved_at is null", s -> { },
                rs -> rs.getLong(1)).get(0);
        return new Counts(byStatus, extra[0], extra[1], quarantined);
    }

    @Override
    public void ping() {
        jdbc.query("select 1", s -> { }, rs -> rs.getInt(1));
    }

    /** A fresh quarantine id. */
    public static String newQuarantineId() {
        return UUID.randomUUID().toString();
    }


    private static StoredMessage message(ResultSet rs) throws SQLException {
        return new StoredMessage(
                rs.getString("message_id"),
                Direction.valueOf(rs.getString("direction")),
                rs.getString("message_type"),
                rs.getString("conversation_id"),
                rs.getString("ref_to_message_id"),
                rs.getString("from_node"),
                rs.getString("to_node"),
                rs.getString("peer_node"),
                MessageStatus.valueOf(rs.getString("status")),
                Jdbc.time(rs, "created_at"),
                Jdbc.time(rs, "stored_at"),
                Jdbc.time(rs, "sent_at"),
                Jdbc.time(rs, "delivered_at"),
                Jdbc.time(rs, "updated_at"),
                rs.getString("signature_algorithm"),
                rs.getString("content_digest"),
                rs.getInt("deliveries"),
                rs.getInt("receipts_sent"),
                rs.getString("receipt_message_id"),
                rs.getString("error_code"),
                rs.getString("error_reason"),
                rs.getInt("send_count"),
                Jdbc.time(rs, "receipt_due_at"));
    }

    private static QuarantineRecord quarantineRecord(ResultSet rs) throws SQLException {
        return new QuarantineRecord(
                rs.getString("quarantine_id"),
                rs.getString("message_id"),
                rs.getString("claimed_sender"),
                rs.getString("message_type"),
                rs.getString("error_code"),
                rs.getString("reason"),
                Jdbc.time(rs, "received_at"),
                rs.getString("error_message_id"),
                rs.getString("unanswered"),
                rs.getObject("content_size") == null ? null : rs.getLong("content_size"),
                rs.getString("content_sm3"),
                rs.getObject("resolved_at") == null ? null : new QuarantineRecord.Resolution(
                        Jdbc.time(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("resolution")));
    }
}
