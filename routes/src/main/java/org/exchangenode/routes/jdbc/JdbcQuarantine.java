package org.exchangenode.routes.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.MessageAudit;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.operations.QuarantineRecord;

/** The quarantine of {@link JdbcMessageStore}: refused documents, the Errors that answer them, their resolution. */
final class JdbcQuarantine {
    private static final String QUARANTINE_COLUMNS = "quarantine_id, message_id, claimed_sender, message_type, "
            + "error_code, reason, received_at, error_message_id, unanswered, content_size, content_sm3";
    private static final String QUARANTINE_VIEW = QUARANTINE_COLUMNS + ", resolved_at, resolved_by, resolution";

    private final Jdbc jdbc;
    private final AuditLog audit;

    JdbcQuarantine(Jdbc jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination) {
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
            List<AuditEvent> events = new ArrayList<>(2);
            events.add(AuditEvent.byNode(AuditKind.QUARANTINED, Jdbc.truncate(record.messageId(), 100),
                    "quarantine " + record.quarantineId() + " " + record.errorCode() + " claimed sender "
                            + record.claimedSender() + (content.length < record.contentSize() ? ", first "
                            + content.length + " of " + record.contentSize() + " bytes kept, SM3 of the whole "
                            + record.contentSm3() : ""), content));
            if (error != null) {
                JdbcMessageWrites.insertQueued(c, error, errorDestination, null);
                events.add(MessageAudit.event(error, null));
            }
            audit.append(c, events);
            return null;
        });
    }

    List<QuarantineRecord> quarantined(MessageStore.QuarantineFilter filter) {
        Where where = new Where()
                .equal("message_id", filter.messageId())
                .equal("claimed_sender", filter.peer())
                .equal("message_type", filter.type())
                .equal("error_code", filter.errorCode())
                .between("received_at", filter.from(), filter.to())
                .and(filter.unresolvedOnly(), "resolved_at is null");
        return jdbc.query("select " + QUARANTINE_VIEW + " from exn_quarantine" + where.sql()
                + " order by received_at desc, quarantine_id " + Jdbc.page(filter.page(), filter.size()), where::bind,
                JdbcQuarantine::quarantineRecord);
    }

    Optional<QuarantineRecord> findQuarantined(String quarantineId) {
        return jdbc.single("select " + QUARANTINE_VIEW + " from exn_quarantine where quarantine_id = ?", quarantineId,
                JdbcQuarantine::quarantineRecord);
    }

    Optional<byte[]> quarantinedContent(String quarantineId) {
        return jdbc.single("select content from exn_quarantine where quarantine_id = ?", quarantineId,
                rs -> rs.getBytes(1));
    }

    boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now) {
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
            audit.append(c, List.of(new AuditEvent(AuditKind.OPERATOR_ACTION, null, actor,
                    "quarantine " + quarantineId + " resolved: " + resolution, null)));
            return true;
        });
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
