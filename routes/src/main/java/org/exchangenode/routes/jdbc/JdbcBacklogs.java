package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.health.Backlogs;

/**
 * {@link Backlogs} on JDBC: a few grouped counts in one read-only transaction, each served by an index (outbound by
 * direction and status, the Receipt watch by status and due time, notifications by status, the pull inbox by
 * acknowledgement), so that a sample stays cheap with a large backlog.
 */
@Singleton
public class JdbcBacklogs implements Backlogs {
    private final Jdbc jdbc;

    public JdbcBacklogs(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public Reading read() {
        return jdbc.inTransaction(c -> {
            Map<String, Waiting> unsent = new HashMap<>();
            Map<String, Waiting> unreceipted = new HashMap<>();
            Map<String, Long> failed = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select peer_node, status, count(*), min(stored_at) "
                    + "from exn_message where direction = ? and status in (?, ?) group by peer_node, status")) {
                s.setString(1, Direction.OUTBOUND.name());
                s.setString(2, MessageStatus.STORED.name());
                s.setString(3, MessageStatus.FAILED.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if (MessageStatus.STORED.name().equals(rs.getString(2))) {
                            unsent.put(rs.getString(1), waiting(rs, 3));
                        } else {
                            failed.put(rs.getString(1), rs.getLong(3));
                        }
                    }
                }
            }
            // Receipts, Errors and Pongs stay SENT without a Receipt due: only what awaits a Receipt counts
            try (PreparedStatement s = c.prepareStatement("select peer_node, status, count(*), min(stored_at) "
                    + "from exn_message where status = ? and receipt_due_at is not null and direction = ? "
                    + "group by peer_node, status")) {
                s.setString(1, MessageStatus.SENT.name());
                s.setString(2, Direction.OUTBOUND.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        unreceipted.put(rs.getString(1), waiting(rs, 3));
                    }
                }
            }
            Map<String, Peer> outbound = new HashMap<>();
            for (String peer : union(unsent, unreceipted, failed)) {
                outbound.put(peer, new Peer(unsent.getOrDefault(peer, Waiting.NONE),
                        unreceipted.getOrDefault(peer, Waiting.NONE), failed.getOrDefault(peer, 0L)));
            }
            Waiting pending = Waiting.NONE;
            long webhookFailed = 0;
            try (PreparedStatement s = c.prepareStatement("select status, count(*), min(created_at) from exn_webhook "
                    + "where status in ('PENDING', 'FAILED') group by status")) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        if ("PENDING".equals(rs.getString(1))) {
                            pending = waiting(rs, 2);
                        } else {
                            webhookFailed = rs.getLong(2);
                        }
                    }
                }
            }
            Waiting pull = single(c, "select count(*), min(received_at) from exn_inbox where acknowledged_at is null");
            long quarantined;
            // resolved documents (processed after a re-check) stay listed, but are no longer in quarantine
            try (PreparedStatement s = c.prepareStatement("select count(*) from exn_quarantine where resolved_at is null");
                 ResultSet rs = s.executeQuery()) {
                quarantined = rs.next() ? rs.getLong(1) : 0;
            }
            return new Reading(outbound, pending, webhookFailed, pull, quarantined);
        });
    }

    /** The count in column {@code column} and the oldest time in the next one. */
    private static Waiting waiting(ResultSet rs, int column) throws SQLException {
        long count = rs.getLong(column);
        OffsetDateTime oldest = rs.getObject(column + 1, OffsetDateTime.class);
        return count == 0 ? Waiting.NONE : new Waiting(count, oldest == null ? null : oldest.toInstant());
    }

    private static Waiting single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? waiting(rs, 1) : Waiting.NONE;
        }
    }

    @SafeVarargs
    private static Set<String> union(Map<String, ?>... maps) {
        Set<String> keys = new TreeSet<>();
        for (Map<String, ?> map : maps) {
            keys.addAll(map.keySet());
        }
        return keys;
    }
}
