package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.localsystem.WebhookStore;

/** {@link WebhookStore} on JDBC; {@link JdbcMessageWrites} queues a notification in the storing transaction. */
@Singleton
public class JdbcWebhookStore implements WebhookStore {
    /** The fence of every outcome: the notification is still PENDING under this claim (binds the claim's token). */
    private static final String HELD = "status = 'PENDING' and claim_token = ?";
    private static final String RELEASED = "claimed_by = null, claim_token = null, claimed_until = null";
    private final Jdbc jdbc;
    private final AuditLog audit;
    private final JdbcClaims claims;

    public JdbcWebhookStore(Database database, AuditLog audit) {
        this.jdbc = new Jdbc(database.dataSource());
        this.audit = audit;
        this.claims = new JdbcClaims("exn_webhook", database.kind() == DatabaseConfig.Kind.postgresql);
    }

    static void queue(Connection c, String messageId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into exn_webhook (message_id, status, attempts, "
                + "next_attempt_at, created_at, updated_at) values (?, 'PENDING', 0, ?, ?, ?)")) {
            s.setString(1, messageId);
            Jdbc.set(s, 2, now);
            Jdbc.set(s, 3, now);
            Jdbc.set(s, 4, now);
            s.executeUpdate();
        }
    }

    @Override
    public List<Due> claim(Claim claim, Instant now, int limit) {
        List<String> claimed = jdbc.inTransaction(c -> claims.claim(c, "status = 'PENDING' and next_attempt_at <= ?",
                s -> Jdbc.set(s, 1, now), 1, "next_attempt_at, message_id", claim, now, limit));
        if (claimed.isEmpty()) {
            return List.of();
        }
        return jdbc.query("select w.message_id, w.attempts, m.message_type, m.conversation_id, m.from_node, m.to_node, "
                        + "m.created_at, m.stored_at, m.content from exn_webhook w join exn_message m on m.message_id = w.message_id "
                        + "where w.claim_token = ? order by w.next_attempt_at, w.message_id",
                s -> s.setString(1, claim.token()),
                rs -> new Due(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "stored_at"), rs.getBytes(9)));
    }

    @Override
    public boolean delivered(Claim claim, String messageId, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_webhook set status = 'DELIVERED', "
                    + "attempts = attempts + 1, delivered_at = ?, updated_at = ?, last_error = null, error_code = null, "
                    + RELEASED + " where message_id = ? and " + HELD)) {
                Jdbc.set(s, 1, now);
                Jdbc.set(s, 2, now);
                s.setString(3, messageId);
                s.setString(4, claim.token());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean failed(Claim claim, String messageId, ErrorCode code, String error, Instant next, boolean last,
                          Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_webhook set status = ?, attempts = attempts + 1, "
                    + "next_attempt_at = ?, error_code = ?, last_error = ?, updated_at = ?, " + RELEASED
                    + " where message_id = ? and " + HELD)) {
                s.setString(1, last ? "FAILED" : "PENDING");
                Jdbc.set(s, 2, next);
                s.setString(3, code.name());
                s.setString(4, Jdbc.truncate(error, 2000));
                Jdbc.set(s, 5, now);
                s.setString(6, messageId);
                s.setString(7, claim.token());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(Claim claim) {
        jdbc.inTransaction(c -> {
            claims.release(c, claim);
            return null;
        });
    }

    @Override
    public List<Notification> list(String status, int page, int size) {
        String where = status == null ? "" : " where status = ?";
        return jdbc.query("select message_id, status, attempts, next_attempt_at, error_code, last_error, created_at, "
                        + "delivered_at "
                        + "from exn_webhook" + where + " order by created_at desc, message_id "
                        + Jdbc.page(page, size),
                s -> {
                    if (status != null) {
                        s.setString(1, status);
                    }
                },
                rs -> new Notification(rs.getString(1), rs.getString(2), rs.getInt(3), Jdbc.time(rs, "next_attempt_at"),
                        rs.getString(5), rs.getString(6), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "delivered_at")));
    }

    @Override
    public boolean replay(String messageId, String actor, String reason, Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_webhook set status = 'PENDING', attempts = 0, "
                    + "next_attempt_at = ?, updated_at = ?, " + RELEASED + " where message_id = ? and status = 'FAILED'")) {
                Jdbc.set(s, 1, now);
                Jdbc.set(s, 2, now);
                s.setString(3, messageId);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            audit.append(c, List.of(new AuditEvent(AuditKind.OPERATOR_ACTION, messageId, actor,
                    "local-system notification of " + messageId + " queued again: " + reason, null)));
            return true;
        });
    }
}
