package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.ContributionOverlaps;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.cases.CaseStore;

/** {@link CaseStore} on JDBC. */
@Singleton
public class JdbcCaseStore implements CaseStore {
    private static final String COLUMNS = "case_id, role, state, peer_node, person_id_number, person_name, letter_number, "
            + "info_total, fund_amount, amount_mismatch, opened_at, updated_at, closed_at";
    private final Jdbc jdbc;
    private final AuditLog audit;

    public JdbcCaseStore(Database database, AuditLog audit) {
        this.jdbc = new Jdbc(database.dataSource());
        this.audit = audit;
    }

    @Override
    public Optional<CaseRecord> find(String caseId) {
        return jdbc.single("select " + COLUMNS + " from exn_case where case_id = ?", caseId, JdbcCaseStore::record);
    }

    @Override
    public Optional<CaseRecord> findOpen(String personIdNumber, String peer, CaseRole role) {
        return jdbc.query("select " + COLUMNS + " from exn_case where person_id_number = ? and peer_node = ? and role = ? "
                        + "and state not in ('COMPLETED', 'REFUSED') fetch first 1 rows only",
                s -> {
                    s.setString(1, personIdNumber);
                    s.setString(2, peer);
                    s.setString(3, role.name());
                }, JdbcCaseStore::record).stream().findFirst();
    }

    @Override
    public List<CaseRecord> list(CaseState state, String peer, CaseRole role, CaseDeadlines.Alert alert, int page,
                                 int size) {
        Where where = new Where().equal("state", state == null ? null : state.name()).equal("peer_node", peer)
                .equal("role", role == null ? null : role.name())
                .and(alert != null, "exists (select 1 from exn_case_step s where s.case_id = exn_case.case_id "
                        + "and s.status = 'OPEN' and s.alert = '" + (alert == null ? "" : alert.name()) + "')");
        return jdbc.query("select " + COLUMNS + " from exn_case" + where.sql() +  " order by opened_at desc, case_id "
                + Jdbc.page(page, size), where::bind, JdbcCaseStore::record);
    }

    @Override
    public List<CaseEvent> events(String caseId) {
        return jdbc.query("select e.at, e.message_id, e.message_type, e.direction, e.state_after, w.status, "
                        + "i.acknowledged_at from exn_case_event e "
                        + "left join exn_webhook w on w.message_id = e.message_id "
                        + "left join exn_inbox i on i.message_id = e.message_id "
                        + "where e.case_id = ? order by e.at, e.message_id", s -> s.setString(1, caseId),
                rs -> new CaseEvent(Jdbc.time(rs, "at"), rs.getString(2), rs.getString(3),
                        Direction.valueOf(rs.getString(4)), CaseState.valueOf(rs.getString(5)), rs.getString(6),
                        Jdbc.time(rs, "acknowledged_at")));
    }

    private static CaseRecord record(ResultSet rs) throws SQLException {
        return new CaseRecord(rs.getString(1), CaseRole.valueOf(rs.getString(2)), CaseState.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8),
                rs.getBigDecimal(9), rs.getBoolean(10), Jdbc.time(rs, "opened_at"), Jdbc.time(rs, "updated_at"),
                Jdbc.time(rs, "closed_at"));
    }

    @Override
    public void replaceLocalRecords(String caseId, List<ContributionOverlaps.Period> records) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("delete from exn_case_local_record where case_id = ?")) {
                s.setString(1, caseId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into exn_case_local_record (case_id, record_no, "
                    + "division_code, record_year, from_month, to_month) values (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < records.size(); i++) {
                    ContributionOverlaps.Period p = records.get(i);
                    s.setString(1, caseId);
                    s.setInt(2, i + 1);
                    s.setString(3, p.divisionCode());
                    s.setInt(4, p.year());
                    s.setInt(5, p.fromMonth());
                    s.setInt(6, p.toMonth());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<ContributionOverlaps.Period> localRecords(String caseId) {
        return jdbc.query("select record_no, division_code, record_year, from_month, to_month from exn_case_local_record "
                        + "where case_id = ? order by record_no", s -> s.setString(1, caseId),
                rs -> new ContributionOverlaps.Period("LOCAL record " + rs.getInt(1), rs.getString(2), rs.getInt(3),
                        rs.getInt(4), rs.getInt(5)));
    }

    @Override
    public Optional<byte[]> latestInfoForm(String caseId) {
        return jdbc.query("select m.content from exn_case_event e join exn_message m on m.message_id = e.message_id "
                        + "where e.case_id = ? and e.message_type = 'InfoForm' order by e.at desc fetch first 1 rows only",
                s -> s.setString(1, caseId), rs -> rs.getBytes(1)).stream().findFirst();
    }

    @Override
    public boolean resolveAmountMismatch(String caseId, String actor, String reason) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_case set amount_mismatch = false, updated_at = ? "
                    + "where case_id = ? and amount_mismatch = true and state = 'AWAITING_COMPLETION'")) {
                Jdbc.set(s, 1, Instant.now());
                s.setString(2, caseId);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            audit.append(c, List.of(new AuditEvent(org.exchangenode.core.audit.AuditKind.OPERATOR_ACTION, null,
                    actor, "amount mismatch of case " + caseId + " resolved: " + reason, null)));
            return true;
        });
    }
}
