package org.exchangenode.routes.jdbc;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.config.DatabaseConfig;
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
    private static final String COUNTS = "select peer_node, direction, status, count(*) from exn_message "
            + "where stored_at >= ? group by peer_node, direction, status order by peer_node, direction, status";
    /** The types of every case's main flow and the Receipts: a peer narrows a search more than one of these. */
    private static final Set<String> COMMON_TYPES = Set.of(MessageType.RECEIPT.wireName(),
            MessageType.CONTACT_LETTER.wireName(), MessageType.INFO_FORM.wireName(),
            MessageType.FUND_TRANSFER_NOTICE.wireName(), MessageType.COMPLETION_NOTICE.wireName());
    private final Jdbc jdbc;
    private final boolean postgresql;

    @Inject
    public JdbcMessageSearch(Database database) {
        this(database.dataSource(), database.kind() == DatabaseConfig.Kind.postgresql);
    }

    /** On a data source migrated by {@link Migrations#apply} (the benchmark's, which has no {@link Database}). */
    public JdbcMessageSearch(DataSource dataSource, boolean postgresql) {
        this.jdbc = new Jdbc(dataSource);
        this.postgresql = postgresql;
    }

    @Override
    public List<MessageSearch.Row> page(MessageSearch.Criteria c, Position after, int limit) {
        Where where = where(c, after);
        return jdbc.query(select(c, where, limit), where::bind,
                rs -> new MessageSearch.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Jdbc.time(rs, "stored_at").toInstant(), rs.getString(8)));
    }

    /** The database's plan of {@link #page}'s query (EXPLAIN), one line per element, for the benchmark and tests. */
    public List<String> plan(MessageSearch.Criteria c, Position after, int limit) {
        Where where = where(c, after);
        return jdbc.query("explain " + select(c, where, limit), where::bind, rs -> rs.getString(1));
    }

    @Override
    public List<MessageSearch.StatusCount> counts(Instant since) {
        // an index-only range scan of exn_message_search_time, which carries these three columns for this count
        return jdbc.query(COUNTS, s -> Jdbc.set(s, 1, since),
                rs -> new MessageSearch.StatusCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    /** The plan of {@link #counts}'s query. */
    public List<String> countsPlan(Instant since) {
        return jdbc.query("explain " + COUNTS, s -> Jdbc.set(s, 1, since), rs -> rs.getString(1));
    }

    /**
     * PostgreSQL's planner weighs the order and the limit and chooses well. On H2 the index is named (see
     * {@link #h2Index}) and the order repeats the columns its filter holds equal, for H2 reads an index in order
     * only when the ORDER BY starts with its first column; ordering first by a column that is one value changes
     * nothing in the result.
     */
    private String select(MessageSearch.Criteria c, Where where, int limit) {
        H2Index index = postgresql ? null : h2Index(c);
        return "select " + COLUMNS + " from exn_message" + (index == null ? "" : " use index (" + index.name() + ")")
                + where.sql() + " order by " + (index == null ? "" : index.leading())
                + "stored_at desc, message_id desc fetch first " + limit + " rows only";
    }

    /** An index of the search on H2: its name and the columns ahead of (stored_at desc, message_id desc). */
    private record H2Index(String name, String leading) {
        static final H2Index TIME = new H2Index("exn_message_search_time", "");
    }

    /**
     * The index H2 is to read. H2's planner weighs an index by the selectivity of its conditions alone, not by the
     * sort it saves or the page's limit: it took (direction, status, peer_node, stored_at) for a search by direction
     * and (status, receipt_due_at) for one by status, and then read and sorted every matching row (seconds at a
     * million messages). So the most selective criterion that has an index in the search's order is chosen here:
     * case, error code, an uncommon status, an uncommon type, peer, type, a common status, else time.
     */
    private static H2Index h2Index(MessageSearch.Criteria c) {
        boolean commonStatus = MessageStatus.DELIVERED.name().equals(c.status())
                || MessageStatus.RECEIVED.name().equals(c.status());
        H2Index byStatus = c.direction() != null
                ? new H2Index("exn_message_search_direction_status", "direction, status, ")
                : new H2Index("exn_message_search_status", "status, ");
        if (c.messageId() != null) {
            return null; // the primary key, which H2 takes for an equality on it: one row at most
        } else if (c.conversationId() != null) {
            return new H2Index("exn_message_search_case", "conversation_id, ");
        } else if (c.errorCode() != null) {
            return new H2Index("exn_message_search_error", "error_code, ");
        } else if (c.status() != null && !commonStatus) {
            return byStatus;
        } else if (c.type() != null && !COMMON_TYPES.contains(c.type())) {
            return new H2Index("exn_message_search_type", "message_type, ");
        } else if (c.peer() != null) {
            return new H2Index("exn_message_search_peer", "peer_node, ");
        } else if (c.type() != null) {
            return new H2Index("exn_message_search_type", "message_type, ");
        } else if (c.status() != null) {
            return byStatus;
        }
        return H2Index.TIME;
    }

    private static Where where(MessageSearch.Criteria c, Position after) {
        Where where = new Where()
                .equal("message_id", c.messageId())
                .equal("conversation_id", c.conversationId())
                .equal("peer_node", c.peer())
                .equal("message_type", c.type())
                .equal("direction", c.direction())
                .equal("status", c.status())
                .equal("error_code", c.errorCode())
                .between("stored_at", c.from(), c.to());
        if (after != null) {
            where.condition("stored_at <= ? and (stored_at < ? or message_id < ?)", after.storedAt(), after.storedAt(),
                    after.messageId());
        }
        return where;
    }
}
