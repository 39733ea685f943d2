package org.exchangenode.routes.jdbc;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.audit.AuditEvent;
import org.jboss.logging.Logger;

/**
 * Several units of work in one database transaction: every store call the calling thread makes inside
 * {@link #run} writes and reads through one connection, and one commit ends them all. The inbox consumer groups the
 * messages the broker has already handed it this way, so that a busy node commits once for several letters (each
 * commit is a page write on H2 and a WAL flush on PostgreSQL, with the audit head locked until it).
 *
 * <p>All or nothing: when any unit fails, the group is spoilt and rolled back as a whole, even if the unit's caller
 * handled the failure (on PostgreSQL the failed statement has aborted the transaction in any case). What must happen
 * only once the writes are durable (handing a queued row to the relay, counting a status, saying so in the log) is
 * deferred with {@link #afterCommit}; it runs at once outside a group. The units' audit entries are appended together
 * just before the commit ({@link AuditLog#append}), so the audit head is locked once per group, and last.
 */
@Singleton
public class GroupCommit {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class);
    private static final ThreadLocal<Group> CURRENT = new ThreadLocal<>();
    private final DataSource dataSource;

    @Inject
    public GroupCommit(Database database) {
        this(database.dataSource());
    }

    GroupCommit(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code work} in one transaction and commits it, then runs the deferred actions.
     *
     * @throws ExchangeException {@code TRANSIENT_FAILURE} when a unit failed (even one whose failure was handled) or
     *         the commit did; everything was rolled back then. A failure {@code work} lets escape escapes as it is,
     *         after the rollback.
     */
    public void run(Runnable work) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a group commit is already open on this thread");
        }
        Group group;
        try {
            group = new Group(dataSource.getConnection(), dataSource);
        } catch (SQLException e) {
            throw Jdbc.transientFailure(e);
        }
        try {
            group.connection.setAutoCommit(false);
        } catch (SQLException e) {
            close(group.connection);
            throw Jdbc.transientFailure(e);
        }
        CURRENT.set(group);
        boolean committed = false;
        try {
            work.run();
            if (group.spoilt) {
                throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE,
                        "a write of the group failed: the group is rolled back as a whole");
            }
            if (group.audit != null) {
                group.audit.appendCollected(group.connection, group.auditEvents);
            }
            group.connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw Jdbc.transientFailure(e);
        } finally {
            CURRENT.remove();
            if (!committed) {
                rollBack(group.connection);
            }
            close(group.connection);
            for (Runnable action : committed ? group.onCommit : group.onRollback) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // the outcome stands: a count or wake-up that failed must not undo, or redo, the others
                    LOG.warnf("an action after a group %s failed: %s", committed ? "commit" : "rollback",
                            escape(Redaction.text(e.getMessage())));
                }
            }
        }
    }

    /** Runs {@code action} once the calling thread's writes are committed: now, outside a group. */
    public static void afterCommit(Runnable action) {
        Group group = CURRENT.get();
        if (group == null) {
            action.run();
        } else {
            group.afterOutcome(action, () -> { });
        }
    }

    /** The group open on this thread for {@code dataSource}, or null. */
    static Group joined(DataSource dataSource) {
        Group group = CURRENT.get();
        return group != null && group.dataSource == dataSource ? group : null;
    }

    private static void rollBack(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed below; a transaction it could not roll back is rolled back by the database
        }
    }

    private static void close(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the pool validates or discards a connection it cannot reset
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing to undo: the outcome is already decided
        }
    }

    /** One open group: its connection, whether a unit failed, and what waits for the outcome. */
    static final class Group {
        private final Connection connection;
        private final DataSource dataSource;
        private final List<Runnable> onCommit = new ArrayList<>();
        private final List<Runnable> onRollback = new ArrayList<>();
        private final List<AuditEvent> auditEvents = new ArrayList<>();
        private AuditLog audit;
        private boolean spoilt;

        private Group(Connection connection, DataSource dataSource) {
            this.connection = connection;
            this.dataSource = dataSource;
        }

        Connection connection() {
            return connection;
        }

        void spoil() {
            spoilt = true;
        }

        /** The units' audit entries, in their order, appended by {@code log} together before the commit. */
        void appendBeforeCommit(AuditLog log, List<AuditEvent> events) {
            audit = log;
            auditEvents.addAll(events);
        }

        void afterOutcome(Runnable committed, Runnable rolledBack) {
            onCommit.add(committed);
            onRollback.add(rolledBack);
        }
    }
}
