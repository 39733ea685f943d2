package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.jboss.logging.Logger;

/** Plain JDBC transactions: commit on success, roll back on any failure; SQL errors become transient failures. */
final class Jdbc {
    private static final Logger LOG = Logger.getLogger(Jdbc.class);
    /** SQLSTATE of a unique constraint violation, on H2 and PostgreSQL alike. */
    static final String UNIQUE_VIOLATION = "23505";
    /** How often {@link #inTransactionAgainIfVictim} runs its work at most. */
    private static final int VICTIM_ATTEMPTS = 3;
    private final DataSource dataSource;

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction of its own, or, on a thread inside a {@link GroupCommit} on the same data
     * source, as part of that group's transaction: then nothing is committed here, and a failure marks the whole group
     * for rollback (on PostgreSQL a failed statement has spoilt the transaction anyway) before it escapes as usual.
     */
    <T> T inTransaction(Work<T> work) {
        GroupCommit.Group group = GroupCommit.joined(dataSource);
        if (group != null) {
            try {
                return work.run(group.connection());
            } catch (SQLException e) {
                group.spoil();
                throw transientFailure(e);
            } catch (RuntimeException e) {
                group.spoil();
                throw e;
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw transientFailure(e);
        }
    }

    /**
     * {@link #inTransaction}, run again (up to {@value #VICTIM_ATTEMPTS} times in all) when the database rolled it back
     * to end a deadlock or a serialization conflict (SQLSTATE class 40): for work that may be repeated once rolled
     * back. An inbox group ({@link GroupCommit}) can hold rows that such work updates, in any order, until its commit;
     * H2 and PostgreSQL end the wait by failing one side, and the other side's commit follows at once. Inside a group
     * the work runs once: the group's rollback is for the broker to repeat. Each retry is logged and {@code onRetry}
     * runs (a count for the operator: how often the relay meets a group this way).
     */
    <T> T inTransactionAgainIfVictim(Work<T> work, Runnable onRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work);
            } catch (ExchangeException e) {
                if (attempt == VICTIM_ATTEMPTS || GroupCommit.joined(dataSource) != null || !victim(e)) {
                    throw e;
                }
                // SQLSTATE only: the database's text may quote a row's key
                LOG.infof("the database ended a transaction to resolve a deadlock (SQLSTATE %s); running it again,"
                        + " attempt %d of %d", ((SQLException) e.getCause()).getSQLState(), attempt + 1,
                        VICTIM_ATTEMPTS);
                onRetry.run();
            }
        }
    }

    /** Whether the database rolled the transaction back to end a deadlock or a serialization conflict. */
    private static boolean victim(ExchangeException e) {
        return e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("40");
    }

    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    /**
     * Runs one query on its own and maps every row. A single statement sees one consistent state of the database
     * without a transaction around it, so it runs in auto-commit: on PostgreSQL that spares the BEGIN the driver
     * sends with the statement and the COMMIT's round trip (a sixth of a letter's statements were those two around a
     * lone read), on H2 the switching of the connection's mode. A query that locks rows ({@code for update}) belongs
     * in {@link #inTransaction}: here its lock would end with the statement.
     */
    <T> List<T> query(String sql, Binder binder, Row<T> row) {
        GroupCommit.Group group = GroupCommit.joined(dataSource);
        if (group != null) {
            // inside a group the read sees what the group wrote before it (a second letter of the same case)
            try (PreparedStatement statement = group.connection().prepareStatement(sql)) {
                binder.bind(statement);
                return rows(statement, row);
            } catch (SQLException e) {
                group.spoil();
                throw transientFailure(e);
            }
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return rows(statement, row);
        } catch (SQLException e) {
            throw transientFailure(e);
        }
    }

    /** Runs a bound query and maps every row. */
    static <T> List<T> rows(PreparedStatement statement, Row<T> row) throws SQLException {
        List<T> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(row.map(rs));
            }
        }
        return result;
    }

    /**
     * Runs {@code onCommit} once what the calling thread has written is committed, and {@code onRollback} if it is
     * rolled back instead: inside a {@link GroupCommit}, when the group ends; outside one, where every transaction is
     * committed before it returns, {@code onCommit} now.
     */
    void afterOutcome(Runnable onCommit, Runnable onRollback) {
        GroupCommit.Group group = GroupCommit.joined(dataSource);
        if (group == null) {
            onCommit.run();
        } else {
            group.afterOutcome(onCommit, onRollback);
        }
    }

    static ExchangeException transientFailure(SQLException e) {
        return new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "database: " + e.getMessage()
                + " (SQLSTATE " + e.getSQLState() + ")", e);
    }

    /** The first row of a query on one string parameter, if any. */
    <T> Optional<T> single(String sql, String parameter, Row<T> row) {
        return query(sql, s -> s.setString(1, parameter), row).stream().findFirst();
    }

    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : instant.atOffset(ZoneOffset.UTC));
    }

    static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** The SQL suffix selecting page {@code page} (from 0) of {@code size} rows of an ordered query. */
    static String page(int page, int size) {
        return "offset " + ((long) page * size) + " rows fetch next " + size + " rows only";
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
