package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.operations.Operations;
import org.exchangenode.routes.operations.ReplayRequestStore;
import org.exchangenode.routes.operations.ReplayRequests.Kind;
import org.exchangenode.routes.operations.ReplayRequests.Request;
import org.exchangenode.routes.operations.ReplayRequests.Status;

/** {@link ReplayRequestStore} on JDBC: a request row, one item row per id, each change with its audit entry. */
@Singleton
public class JdbcReplayRequestStore implements ReplayRequestStore {
    private static final String COLUMNS = "request_id, kind, reason, requested_by, requested_at, expires_at, status, "
            + "decided_by, decided_at, decision_reason, result_matched";
    private final Jdbc jdbc;
    private final AuditLog audit;

    public JdbcReplayRequestStore(Database database, AuditLog audit) {
        this.jdbc = new Jdbc(database.dataSource());
        this.audit = audit;
    }

    @Override
    public void insert(Request request, AuditEvent audited) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into exn_replay_request (request_id, kind, "
                    + "item_count, reason, requested_by, requested_at, expires_at, status) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, request.id());
                s.setString(2, request.kind().name());
                s.setInt(3, request.ids().size());
                s.setString(4, request.reason());
                s.setString(5, request.requestedBy());
                Jdbc.set(s, 6, request.requestedAt());
                Jdbc.set(s, 7, request.expiresAt());
                s.setString(8, request.status().name());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into exn_replay_request_item (request_id, position, "
                    + "item_id) values (?, ?, ?)")) {
                for (int position = 0; position < request.ids().size(); position++) {
                    s.setString(1, request.id());
                    s.setInt(2, position);
                    s.setString(3, request.ids().get(position));
                    s.addBatch();
                    if (position % 500 == 499) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            audit.append(c, List.of(audited));
            return null;
        });
    }

    @Override
    public Optional<Request> find(String id) {
        return jdbc.inTransaction(c -> requests(c, "select " + COLUMNS + " from exn_replay_request where request_id = ?",
                s -> s.setString(1, id))).stream().findFirst();
    }

    @Override
    public List<Request> list(Status status, int limit) {
        String sql = "select " + COLUMNS + " from exn_replay_request" + (status == null ? "" : " where status = ?")
                + " order by requested_at desc, request_id desc fetch first " + Math.max(1, limit) + " rows only";
        return jdbc.inTransaction(c -> requests(c, sql, s -> {
            if (status != null) {
                s.setString(1, status.name());
            }
        }));
    }

    @Override
    public int expire(Instant now) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_replay_request set status = 'EXPIRED' "
                    + "where status = 'PENDING' and expires_at <= ?")) {
                Jdbc.set(s, 1, now);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean decide(String id, Status to, String decidedBy, Instant now, String decisionReason,
                          AuditEvent audited) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_replay_request set status = ?, decided_by = ?, "
                    + "decided_at = ?, decision_reason = ? where request_id = ? and status = 'PENDING' "
                    + "and expires_at > ?")) {
                s.setString(1, to.name());
                s.setString(2, decidedBy);
                Jdbc.set(s, 3, now);
                s.setString(4, decisionReason);
                s.setString(5, id);
                Jdbc.set(s, 6, now);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            if (audited != null) {
                audit.append(c, List.of(audited));
            }
            return true;
        });
    }

    @Override
    public void executed(String id, Operations.Summary result, AuditEvent audited) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_replay_request set status = 'EXECUTED', "
                    + "result_matched = ? where request_id = ? and status = 'EXECUTING'")) {
                s.setInt(1, result.matched());
                s.setString(2, id);
                s.executeUpdate();
            }
            Map<String, Integer> positions = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select item_id, position from exn_replay_request_item "
                    + "where request_id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        positions.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("update exn_replay_request_item set outcome = ?, why = ? "
                    + "where request_id = ? and position = ?")) {
                for (String replayed : result.replayed()) {
                    outcome(s, id, positions.get(replayed), "REPLAYED", null);
                }
                for (Operations.Skipped skipped : result.skipped()) {
                    outcome(s, id, positions.get(skipped.id()), "SKIPPED", Jdbc.truncate(skipped.why(), 300));
                }
                s.executeBatch();
            }
            audit.append(c, List.of(audited));
            return null;
        });
    }

    private static void outcome(PreparedStatement s, String id, Integer position, String outcome, String why)
            throws SQLException {
        if (position == null) {
            return; // the replay reports only ids of the request
        }
        s.setString(1, outcome);
        s.setString(2, why);
        s.setString(3, id);
        s.setInt(4, position);
        s.addBatch();
    }

    @Override
    public void reopen(String id) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_replay_request set status = 'PENDING', "
                    + "decided_by = null, decided_at = null, decision_reason = null where request_id = ? "
                    + "and status = 'EXECUTING'")) {
                s.setString(1, id);
                return s.executeUpdate();
            }
        });
    }

    /** The requests a query selects, each with its ids and (once executed) its summary. */
    private static List<Request> requests(Connection c, String sql, Jdbc.Binder binder) throws SQLException {
        List<Request> requests = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    requests.add(request(c, rs));
                }
            }
        }
        return requests;
    }

    private static Request request(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString("request_id");
        Status status = Status.valueOf(rs.getString("status"));
        int matched = rs.getInt("result_matched");
        boolean executed = !rs.wasNull();
        List<String> ids = new ArrayList<>();
        List<String> replayed = new ArrayList<>();
        List<Operations.Skipped> skipped = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select item_id, outcome, why from exn_replay_request_item "
                + "where request_id = ? order by position")) {
            s.setString(1, id);
            try (ResultSet items = s.executeQuery()) {
                while (items.next()) {
                    String item = items.getString(1);
                    ids.add(item);
                    if ("REPLAYED".equals(items.getString(2))) {
                        replayed.add(item);
                    } else if ("SKIPPED".equals(items.getString(2))) {
                        skipped.add(new Operations.Skipped(item, items.getString(3)));
                    }
                }
            }
        }
        return new Request(id, Kind.valueOf(rs.getString("kind")), List.copyOf(ids), rs.getString("reason"),
                rs.getString("requested_by"), instant(Jdbc.time(rs, "requested_at")),
                instant(Jdbc.time(rs, "expires_at")), status, rs.getString("decided_by"),
                instant(Jdbc.time(rs, "decided_at")), rs.getString("decision_reason"),
                executed ? new Operations.Summary(false, matched, List.copyOf(replayed), List.copyOf(skipped)) : null);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
