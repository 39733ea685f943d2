package org.exchangenode.routes.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.StoredMessage;

/** The reads of {@link JdbcMessageStore}: a message, its content, listings and the counts for metrics. */
final class JdbcMessageQueries {
    private static final String COLUMNS = "message_id, direction, message_type, conversation_id, ref_to_message_id, "
            + "from_node, to_node, peer_node, status, created_at, stored_at, sent_at, delivered_at, updated_at, "
            + "signature_algorithm, content_digest, deliveries, receipts_sent, receipt_message_id, error_code, error_reason, "
            + "send_count, receipt_due_at";

    private final Jdbc jdbc;

    JdbcMessageQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredMessage> find(String messageId) {
        return jdbc.single("select " + COLUMNS + " from exn_message where message_id = ?", messageId,
                JdbcMessageQueries::message);
    }

    Optional<byte[]> content(String messageId) {
        return jdbc.single("select content from exn_message where message_id = ?", messageId, rs -> rs.getBytes(1));
    }

    List<StoredMessage> list(MessageFilter filter) {
        Where where = new Where()
                .equal("direction", filter.direction() == null ? null : filter.direction().name())
                .equal("message_type", filter.type())
                .equal("status", filter.status() == null ? null : filter.status().name())
                .equal("peer_node", filter.peer())
                .equal("conversation_id", filter.conversationId())
                .equal("error_code", filter.errorCode())
                .between("stored_at", filter.from(), filter.to());
        return jdbc.query("select " + COLUMNS + " from exn_message" + where.sql() + " order by stored_at desc, message_id "
                        + Jdbc.page(filter.page(), filter.size()), where::bind, JdbcMessageQueries::message);
    }

    MessageStore.Counts counts() {
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
        return new MessageStore.Counts(byStatus, extra[0], extra[1], quarantined);
    }

    void ping() {
        jdbc.query("select 1", s -> { }, rs -> rs.getInt(1));
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
}
