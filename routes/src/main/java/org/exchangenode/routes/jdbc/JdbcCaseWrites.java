package org.exchangenode.routes.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.cases.CaseChange;
import org.exchangenode.routes.messages.NewMessage;

/** Writes a {@link CaseChange} (case row, timeline event, steps) inside the transaction that stores its message. */
final class JdbcCaseWrites {
    static final String OPEN_KEY_INDEX = "exn_case_open_key";

    private JdbcCaseWrites() {
    }

    static void apply(Connection c, CaseChange change, NewMessage message) throws SQLException {
        Instant now = Instant.now();
        CaseState after;
        if (change instanceof CaseChange.Open open) {
            insert(c, open, now);
            after = open.state();
        } else {
            CaseChange.Advance move = (CaseChange.Advance) change;
            advance(c, move, now);
            after = move.to();
        }
        event(c, change.caseId(), now, message.header().messageId(), message.header().type().wireName(),
                message.direction(), after);
        steps(c, change.caseId(), change.steps());
    }

    /**
     * The database holds one open case per person, peer and role (the unique {@code open_key}): when another
     * transaction opened one a moment ago, this fails with {@code CASE_ALREADY_OPEN} and the whole storing
     * transaction (message, outbox row) rolls back.
     */
    private static void insert(Connection c, CaseChange.Open open, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into exn_case (case_id, role, state, peer_node, "
                + "person_id_number, person_name, letter_number, opened_at, updated_at, open_key) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, open.caseId());
            s.setString(2, open.role().name());
            s.setString(3, open.state().name());
            s.setString(4, open.peer());
            s.setString(5, open.personIdNumber());
            s.setString(6, Jdbc.truncate(open.personName(), 50));
            s.setString(7, Jdbc.truncate(open.letterNumber(), 40));
            Jdbc.set(s, 8, now);
            Jdbc.set(s, 9, now);
            s.setString(10, open.state().open() ? openKey(open.role(), open.peer(), open.personIdNumber()) : null);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!Jdbc.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // the database's own text quotes the key: it is only looked at, never passed on
            boolean sameCase = !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(OPEN_KEY_INDEX);
            throw new ExchangeException(ErrorCode.CASE_ALREADY_OPEN, sameCase ? "case " + open.caseId()
                    + " already exists" : "the person already has an open case with node " + open.peer()
                    + ", opened a moment ago");
        }
    }

    /**
     * What the unique index on open cases compares: a digest of role, peer and ID number, so that a refused duplicate
     * (whose key the database quotes in its error and its server log) shows no ID number.
     */
    static String openKey(CaseRole role, String peer, String idNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((role.name() + "|" + peer + "|" + idNumber)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "SHA-256 unavailable", e);
        }
    }

    private static void advance(Connection c, CaseChange.Advance move, Instant now) throws SQLException {
        CaseState to = move.to();
        try (PreparedStatement s = c.prepareStatement("update exn_case set state = ?, updated_at = ?, "
                + "info_total = coalesce(?, info_total), fund_amount = coalesce(?, fund_amount), "
                + "amount_mismatch = coalesce(?, amount_mismatch), closed_at = ?, "
                // a closed case leaves the unique index of open cases: the person may open a new one
                + "open_key = " + (to.open() ? "open_key" : "null") + " where case_id = ? and state = ?")) {
            s.setString(1, to.name());
            Jdbc.set(s, 2, now);
            s.setBigDecimal(3, move.amounts().infoTotal());
            s.setBigDecimal(4, move.amounts().fundAmount());
            s.setObject(5, move.amountMismatch());
            Jdbc.set(s, 6, to.open() ? null : now);
            s.setString(7, move.caseId());
            s.setString(8, move.from().name());
            if (s.executeUpdate() != 1) {
                throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "case " + move.caseId()
                        + " changed meanwhile; the message is tried again");
            }
        }
    }

    private static void event(Connection c, String caseId, Instant at, String messageId, String type,
                              Direction direction, CaseState after) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into exn_case_event (case_id, at, message_id, message_type, "
                + "direction, state_after) values (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, caseId);
            Jdbc.set(s, 2, at);
            s.setString(3, messageId);
            s.setString(4, type);
            s.setString(5, direction.name());
            s.setString(6, after.name());
            s.executeUpdate();
        }
    }

    /** Meets, then closes the rest if asked, then starts. */
    private static void steps(Connection c, String caseId, CaseChange.Steps steps) throws SQLException {
        if (!steps.change().meet().isEmpty()) {
            end(c, caseId, steps.change().meet(), "MET", steps.at());
        }
        if (steps.change().closeOthers()) {
            end(c, caseId, null, "CLOSED", steps.at());
        }
        for (CaseChange.NewStep step : steps.started()) {
            try (PreparedStatement s = c.prepareStatement("insert into exn_case_step (case_id, step, owner, "
                    + "started_at, limit_days, due_on, status) values (?, ?, ?, ?, ?, ?, 'OPEN')")) {
                s.setString(1, caseId);
                s.setString(2, step.step().name());
                s.setString(3, step.step().owner().name());
                Jdbc.set(s, 4, steps.at());
                s.setInt(5, step.limitDays());
                s.setObject(6, step.dueOn());
                s.executeUpdate();
            }
        }
    }

    private static void end(Connection c, String caseId, Set<CaseStep> steps, String status, Instant at)
            throws SQLException {
        String which = steps == null ? "" : " and step in (" + String.join(", ", steps.stream().map(x -> "?").toList()) + ")";
        try (PreparedStatement s = c.prepareStatement("update exn_case_step set status = ?, ended_at = ? "
                + "where case_id = ? and status = 'OPEN'" + which)) {
            s.setString(1, status);
            Jdbc.set(s, 2, at);
            s.setString(3, caseId);
            int index = 4;
            for (CaseStep step : steps == null ? Set.<CaseStep>of() : steps) {
                s.setString(index++, step.name());
            }
            s.executeUpdate();
        }
    }
}
