package org.exchangenode.routes.jdbc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.exchangenode.routes.messages.MessageSearch;
import org.exchangenode.routes.messages.MessageSearchStore;

/**
 * {@link MessageSearchStore} on JDBC; the same SQL on H2 and PostgreSQL. Migration 22 gives every filter an index
 * that holds it ahead of (stored_at desc, message_id desc), so each page is a range scan of that index read in order
 * and stopped after {@code limit} rows; the keyset condition repeats {@code stored_at <= ?} as a plain range, which
 * both planners turn into an index bound (an OR of the two columns alone they would only filter on).
 */
@Singleton
public class JdbcMessageSearch implements MessageSearchStore {
    private static final String COLUMNS = "message_id, direction, message_type, conversation_id, peer_node, status, "
            + "stored_at, error_code";
    private final Jdbc jdbc;

    @Inject
    public JdbcMessageSearch(Database database) {
        this(database.dataSource());
    }

    /** On a data source migrated by {@link Migrations#apply} (the benchmark's, which has no {@link Database}). */
    public JdbcMessageSearch(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public List<MessageSearch.Row> page(MessageSearch.Criteria c, Position after, int limit) {
        Where where = where(c);
        if (after != null) {
            where.condition("stored_at <= ? and (stored_at < ? or message_id < ?)", after.storedAt(), after.storedAt(),
                    after.messageId());
        }
        return jdbc.query("select " + COLUMNS + " from exn_message" + where.sql()
                        + " order by stored_at desc, message_id desc fetch first " + limit + " rows only", where::bind,
                rs -> new MessageSearch.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Jdbc.time(rs, "stored_at").toInstant(), rs.getString(8)));
    }

    /** The SQL of a page's query, for the benchmark's and tests' EXPLAIN. */
    public static String sql(MessageSearch.Criteria c, boolean after) {
        Where where = where(c);
        if (after) {
            where.condition("stored_at <= ? and (stored_at < ? or message_id < ?)", Instant.EPOCH, Instant.EPOCH, "");
        }
        return "select " + COLUMNS + " from exn_message" + where.sql() + " order by stored_at desc, message_id desc";
    }

    @Override
    public List<MessageSearch.StatusCount> counts(Instant since) {
        // an index-only range scan of exn_message_search_time, which carries these three columns for this count
        return jdbc.query("select peer_node, direction, status, count(*) from exn_message where stored_at >= ? "
                        + "group by peer_node, direction, status order by peer_node, direction, status",
                s -> Jdbc.set(s, 1, since),
                rs -> new MessageSearch.StatusCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    private static Where where(MessageSearch.Criteria c) {
        return new Where()
                .equal("message_id", c.messageId())
                .equal("conversation_id", c.conversationId())
                .equal("peer_node", c.peer())
                .equal("message_type", c.type())
                .equal("direction", c.direction())
                .equal("status", c.status())
                .equal("error_code", c.errorCode())
                .between("stored_at", c.from(), c.to());
    }
}
