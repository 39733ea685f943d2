package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.routes.localsystem.PullInboxStore;

/** {@link PullInboxStore} on JDBC; {@link JdbcMessageWrites} enters a message in the transaction that stores it. */
@Singleton
public class JdbcPullInboxStore implements PullInboxStore {
    private final Jdbc jdbc;

    public JdbcPullInboxStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    static void enter(Connection c, EnvelopeHeader header, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into exn_inbox (message_id, message_type, conversation_id, "
                + "from_node, received_at) values (?, ?, ?, ?, ?)")) {
            s.setString(1, header.messageId());
            s.setString(2, header.type().wireName());
            s.setString(3, header.conversationId());
            s.setString(4, header.from());
            Jdbc.set(s, 5, now);
            s.executeUpdate();
        }
    }

    @Override
    public List<Entry> list(long after, int limit, boolean all, String type) {
        Where where = new Where().equal("i.message_type", type).and(!all, "i.acknowledged_at is null");
        return jdbc.query("select i.seq, i.message_id, i.message_type, i.conversation_id, i.from_node, i.received_at, "
                        + "i.acknowledged_at, i.acknowledged_by, m.content from exn_inbox i "
                        + "join exn_message m on m.message_id = i.message_id" + where.sql() + " and i.seq > " + after
                        + " order by i.seq fetch first " + limit + " rows only", where::bind,
                rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Jdbc.time(rs, "received_at"), Jdbc.time(rs, "acknowledged_at"), rs.getString(8), rs.getBytes(9)));
    }

    @Override
    public Acknowledged acknowledge(List<String> messageIds, String who, Instant now) {
        return jdbc.inTransaction(c -> {
            List<String> done = new ArrayList<>();
            List<String> already = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>(messageIds);
            for (String id : ids) {
                try (PreparedStatement s = c.prepareStatement("update exn_inbox set acknowledged_at = ?, acknowledged_by = ? "
                        + "where message_id = ? and acknowledged_at is null")) {
                    Jdbc.set(s, 1, now);
                    s.setString(2, Jdbc.truncate(who, 100));
                    s.setString(3, id);
                    if (s.executeUpdate() == 1) {
                        done.add(id);
                        continue;
                    }
                }
                try (PreparedStatement s = c.prepareStatement("select 1 from exn_inbox where message_id = ?")) {
                    s.setString(1, id);
                    try (var rs = s.executeQuery()) {
                        (rs.next() ? already : unknown).add(id);
                    }
                }
            }
            return new Acknowledged(done, already, unknown);
        });
    }
}
