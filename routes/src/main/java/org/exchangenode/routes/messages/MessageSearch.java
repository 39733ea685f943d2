package org.exchangenode.routes.messages;

// INTERIM (issue 15 in progress): a plain scan standing in until the keyset search with its indexes and benchmark
// replaces it; only the console overview calls it so far.
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.routes.jdbc.Database;

@ApplicationScoped
public class MessageSearch {
    public static final int MAX_PAGE = 200, MAX_EXPORT = 10_000;
    public record Criteria(String messageId, String conversationId, String peer, String type, String status,
                           String direction, String errorCode, Instant from, Instant to) {}
    public record Row(String messageId, String direction, String type, String conversationId, String peer,
                      String status, Instant storedAt, String errorCode) {}
    public record Page(List<Row> rows, String nextCursor) {}
    public record StatusCount(String peer, String direction, String status, long count) {}
    private final Database database;
    public MessageSearch(Database database) { this.database = database; }

    public Page search(Criteria c, String cursor, int size) {
        List<Row> rows = new ArrayList<>();
        try (Connection con = database.dataSource().getConnection();
             PreparedStatement s = con.prepareStatement("select message_id, direction, message_type, conversation_id, peer_node, status, stored_at, error_code from exn_message"
                     + (c.status() != null ? " where status = ?" : "") + " order by stored_at desc, message_id desc")) {
            if (c.status() != null) s.setString(1, c.status());
            s.setMaxRows(size);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) rows.add(new Row(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getTimestamp(7).toInstant(), r.getString(8)));
            }
        } catch (SQLException e) { throw new IllegalStateException(e); }
        return new Page(rows, null);
    }
    public int exportCsv(Criteria c, int max, Writer out) throws IOException {
        int n = 0; out.write("messageId\n");
        for (Row r : search(c, null, Math.min(max, 200)).rows()) { out.write(r.messageId() + "\n"); n++; }
        return n;
    }
    public List<StatusCount> counts(Instant since) {
        List<StatusCount> out = new ArrayList<>();
        try (Connection con = database.dataSource().getConnection();
             PreparedStatement s = con.prepareStatement("select peer_node, direction, status, count(*) from exn_message where stored_at >= ? group by peer_node, direction, status")) {
            s.setTimestamp(1, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) { while (r.next()) out.add(new StatusCount(r.getString(1), r.getString(2), r.getString(3), r.getLong(4))); }
        } catch (SQLException e) { throw new IllegalStateException(e); }
        return out;
    }
}
