package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.deadlines.StepStore;

/** {@link StepStore} on JDBC. */
@Singleton
public class JdbcStepStore implements StepStore {
    private static final String COLUMNS = "s.case_id, s.step, s.owner, s.started_at, s.limit_days, s.due_on, s.status, "
            + "s.alert, s.ended_at, s.reminded_alert";
    /**
     * A page of open steps after (case_id, step), with what the sweep needs of each case; parameters the case id
     * twice, the step, the page size. Written so that a page is a range read of exn_case_step_open_key stopped after
     * the page: case_id bounded below on its own (not only inside an OR), status first in the order (H2 reads an
     * index in order only when the order by names its columns from the first).
     */
    static final String OPEN_PAGE = "select " + COLUMNS + ", c.peer_node, c.role, c.state, c.letter_number, "
            + "c.person_name, c.person_id_number from exn_case_step s join exn_case c on c.case_id = s.case_id "
            + "where s.status = 'OPEN' and s.case_id >= ? and (s.case_id > ? or s.step > ?) "
            + "order by s.status, s.case_id, s.step fetch first ? rows only";
    private final Jdbc jdbc;
    private final AuditLog audit;

    public JdbcStepStore(Database database, AuditLog audit) {
        this.jdbc = new Jdbc(database.dataSource());
        this.audit = audit;
    }

    @Override
    public boolean meet(String caseId, CaseStep step, Instant at) {
        return jdbc.inTransaction(c -> meet(c, caseId, step, at));
    }

    @Override
    public boolean meet(String caseId, CaseStep step, Instant at, AuditEvent because) {
        return jdbc.inTransaction(c -> {
            if (!meet(c, caseId, step, at)) {
                return false;
            }
            audit.append(c, List.of(because));
            return true;
        });
    }

    private static boolean meet(Connection c, String caseId, CaseStep step, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update exn_case_step set status = 'MET', ended_at = ? "
                + "where case_id = ? and step = ? and status = 'OPEN'")) {
            Jdbc.set(s, 1, at);
            s.setString(2, caseId);
            s.setString(3, step.name());
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public List<StepRecord> steps(String caseId) {
        return jdbc.query("select " + COLUMNS + " from exn_case_step s where s.case_id = ? order by s.started_at, s.step",
                s -> s.setString(1, caseId), JdbcStepStore::step);
    }

    @Override
    public List<OpenStep> open(String afterCase, String afterStep, int limit) {
        return jdbc.query(OPEN_PAGE,
                s -> {
                    s.setString(1, afterCase);
                    s.setString(2, afterCase);
                    s.setString(3, afterStep);
                    s.setInt(4, limit);
                },
                rs -> new OpenStep(step(rs), rs.getString("peer_node"), CaseRole.valueOf(rs.getString("role")),
                        CaseState.valueOf(rs.getString("state")), rs.getString("letter_number"),
                        rs.getString("person_name"), rs.getString("person_id_number")));
    }

    @Override
    public void setDue(String caseId, CaseStep step, LocalDate due) {
        update("update exn_case_step set due_on = ? where case_id = ? and step = ? and due_on is null",
                s -> {
                    s.setObject(1, due);
                    s.setString(2, caseId);
                    s.setString(3, step.name());
                });
    }

    @Override
    public boolean setAlert(String caseId, CaseStep step, Alert from, Alert to) {
        return update("update exn_case_step set alert = ? where case_id = ? and step = ? and alert = ? and status = 'OPEN'",
                s -> {
                    s.setString(1, to.name());
                    s.setString(2, caseId);
                    s.setString(3, step.name());
                    s.setString(4, from.name());
                }) == 1;
    }

    @Override
    public void markReminded(String caseId, CaseStep step, Alert alert) {
        update("update exn_case_step set reminded_alert = ? where case_id = ? and step = ?", s -> {
            s.setString(1, alert.name());
            s.setString(2, caseId);
            s.setString(3, step.name());
        });
    }

    @Override
    public boolean reminded(String caseId, CaseStep step, Alert alert) {
        return !jdbc.query("select 1 from exn_reminder where case_id = ? and step = ? and alert = ?", s -> {
            s.setString(1, caseId);
            s.setString(2, step.name());
            s.setString(3, alert.name());
        }, rs -> 1).isEmpty();
    }

    @Override
    public Map<String, Map<Alert, Long>> openByPeer() {
        Map<String, Map<Alert, Long>> counts = new TreeMap<>();
        jdbc.query("select c.peer_node, s.alert, count(*) from exn_case_step s join exn_case c on c.case_id = s.case_id "
                + "where s.status = 'OPEN' group by c.peer_node, s.alert", s -> { }, rs -> {
                    counts.computeIfAbsent(rs.getString(1), p -> new TreeMap<>())
                            .put(Alert.valueOf(rs.getString(2)), rs.getLong(3));
                    return null;
                });
        return counts;
    }

    @Override
    public long withoutDueDate() {
        return jdbc.query("select count(*) from exn_case_step where status = 'OPEN' and due_on is null", s -> { },
                rs -> rs.getLong(1)).get(0);
    }

    @Override
    public Map<String, Long> casesByState() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select role, state, count(*) from exn_case group by role, state", s -> { }, rs -> {
            counts.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
            return null;
        });
        return counts;
    }

    @Override
    public boolean lease(String job, String holder, Instant now, Instant until) {
        return update("update exn_job_lease set holder = ?, expires_at = ? where job = ? "
                + "and (holder is null or holder = ? or expires_at < ?)", s -> {
                    s.setString(1, holder);
                    Jdbc.set(s, 2, until);
                    s.setString(3, job);
                    s.setString(4, holder);
                    Jdbc.set(s, 5, now);
                }) == 1;
    }

    @Override
    public void release(String job, String holder) {
        update("update exn_job_lease set holder = null, expires_at = null where job = ? and holder = ?", s -> {
            s.setString(1, job);
            s.setString(2, holder);
        });
    }

    private int update(String sql, Jdbc.Binder binder) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            }
        });
    }

    private static StepRecord step(ResultSet rs) throws SQLException {
        String reminded = rs.getString("reminded_alert");
        return new StepRecord(rs.getString("case_id"), CaseStep.valueOf(rs.getString("step")),
                CaseStep.Owner.valueOf(rs.getString("owner")), Jdbc.time(rs, "started_at"), rs.getInt("limit_days"),
                rs.getObject("due_on", LocalDate.class), Status.valueOf(rs.getString("status")),
                Alert.valueOf(rs.getString("alert")), Jdbc.time(rs, "ended_at"),
                reminded == null ? null : Alert.valueOf(reminded));
    }
}
