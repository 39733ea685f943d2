package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.health.Backlogs;

/**
 * {@link Backlogs} on JDBC: a few grouped counts in one transaction. The outbox is read whole (joined to its messages
 * by key), the letters awaiting a Receipt and the FAILED ones from an index alone (exn_message_peer_status carries
 * every column their counts read, so a sample never reads a message's row with its signed content), notifications
 * and the pull inbox through their indexes, the unresolved quarantine by a scan; with a large backlog a sample costs
 * what the outbox holds, and an index entry for each letter awaiting its Receipt.
 */
@Singleton
public class JdbcBacklogs implements Backlogs {
    /**
     * Sent letters with a Receipt due, per peer: count and oldest; parameters SENT, OUTBOUND and {@link #ANY_DUE}.
     * "Due after 1970" rather than "is not null": the same letters (every due time is later), but a bound H2 reads
     * as a range of exn_message_peer_status, so the count reads the letters with a Receipt due and not also every
     * Receipt, Error and Pong the node ever sent (SENT, nothing due); with "is not null" H2 reads them all.
     */
    static final String AWAITING_RECEIPT = "select peer_node, count(*), min(stored_at) from exn_message "
            + "where status = ? and receipt_due_at > ? and direction = ? group by peer_node";
    /**
     * The outbox per peer: count and oldest queued, and of it the letters queued again for a resend (SENT, Receipt due
     * cleared): count and oldest stored; parameters SENT twice. One pass over the outbox joined to its messages by
     * key: asked as a query of its own with "m.status = ? and m.receipt_due_at is null" in its where clause, H2 read
     * every SENT message with nothing due (every Receipt, Error and Pong ever sent) to probe the outbox for each.
     */
    static final String OUTBOX = "select m.peer_node, count(*), min(o.created_at), "
            + "sum(case when m.status = ? and m.receipt_due_at is null then 1 else 0 end), "
            + "min(case when m.status = ? and m.receipt_due_at is null then m.stored_at end) "
            + "from exn_outbox o join exn_message m on m.message_id = o.message_id group by m.peer_node";
    /** The lower bound of every Receipt due time (see {@link #AWAITING_RECEIPT}). */
    static final OffsetDateTime ANY_DUE = Instant.EPOCH.atOffset(ZoneOffset.UTC);
    private final Jdbc jdbc;

    public JdbcBacklogs(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public Reading read(boolean pullInbox) {
        return jdbc.inTransaction(c -> {
            Map<String, Waiting> unsent = new HashMap<>();
            Map<String, Waiting> unreceipted = new HashMap<>();
            Map<String, Long> failed = new HashMap<>();
            // waiting for the broker: every outbox row, a first send or a resend, by the time it was queued; and of
            // them the letters SENT and queued again for a resend (their Receipt due is cleared meanwhile), awaiting
            // a Receipt by the time they were stored
            try (PreparedStatement s = c.prepareStatement(OUTBOX)) {
                s.setString(1, MessageStatus.SENT.name());
                s.setString(2, MessageStatus.SENT.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        unsent.put(rs.getString(1), waiting(rs, 2));
                        unreceipted.merge(rs.getString(1), waiting(rs, 4), JdbcBacklogs::both);
                    }
                }
            }
            // awaiting a Receipt, by the time it was stored: sent with a Receipt due (Receipts, Errors and Pongs stay
            // SENT without one)
            try (PreparedStatement s = c.prepareStatement(AWAITING_RECEIPT)) {
                s.setString(1, MessageStatus.SENT.name());
                s.setObject(2, ANY_DUE);
                s.setString(3, Direction.OUTBOUND.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        unreceipted.merge(rs.getString(1), waiting(rs, 2), JdbcBacklogs::both);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select peer_node, count(*) from exn_message "
                    + "where direction = ? and status = ? group by peer_node")) {
                s.setString(1, Direction.OUTBOUND.name());
                s.setString(2, MessageStatus.FAILED.name());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        failed.put(rs.getString(1), rs.getLong(2));
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
            // a local system on webhooks never acknowledges: its pull inbox is every message ever received
            Waiting pull = pullInbox
                    ? single(c, "select count(*), min(received_at) from exn_inbox where acknowledged_at is null") : null;
            long quarantined;
            // resolved documents (processed after a re-check) stay listed, but are no longer in quarantine
            try (PreparedStatement s = c.prepareStatement("select count(*) from exn_quarantine where resolved_at is null");
                 ResultSet rs = s.executeQuery()) {
                quarantined = rs.next() ? rs.getLong(1) : 0;
            }
            return new Reading(outbound, pending, webhookFailed, pull, quarantined);
        });
    }

    private static Waiting both(Waiting one, Waiting other) {
        Instant oldest = one.oldest() == null ? other.oldest()
                : other.oldest() == null || one.oldest().isBefore(other.oldest()) ? one.oldest() : other.oldest();
        return new Waiting(one.count() + other.count(), oldest);
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
