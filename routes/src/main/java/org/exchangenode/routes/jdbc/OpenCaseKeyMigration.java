package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.exchangenode.core.cases.CaseRole;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jboss.logging.Logger;

/**
 * Migration 14 (issue 11): one open case per person, peer and role, guaranteed by the database. {@code open_key} is
 * set while a case is open and cleared when it closes; a plain unique index on it lets NULLs (closed cases) repeat on
 * H2 and PostgreSQL alike, where a partial index would work on PostgreSQL only. It is in Java because the key is a
 * digest ({@link JdbcCaseWrites#openKey}) that the two databases cannot compute with the same SQL. Of open cases that
 * already share a key (two letters that raced before this index), the oldest takes the key; the others stay open
 * without one, counted in the log.
 */
final class OpenCaseKeyMigration implements JavaMigration {
    private static final Logger LOG = Logger.getLogger(OpenCaseKeyMigration.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("14");
    }

    @Override
    public String getDescription() {
        return "open case key";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("alter table exn_case add column open_key varchar(64)");
        }
        Set<String> taken = new HashSet<>();
        int keyed = 0;
        int sharing = 0;
        try (PreparedStatement select = c.prepareStatement("select case_id, role, peer_node, person_id_number "
                + "from exn_case where state not in ('COMPLETED', 'REFUSED') order by opened_at, case_id");
             PreparedStatement update = c.prepareStatement("update exn_case set open_key = ? where case_id = ?");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String key = JdbcCaseWrites.openKey(CaseRole.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
                if (!taken.add(key)) {
                    sharing++;
                    continue;
                }
                update.setString(1, key);
                update.setString(2, rs.getString(1));
                update.addBatch();
                if (++keyed % 1000 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("create unique index " + JdbcCaseWrites.OPEN_KEY_INDEX + " on exn_case (open_key)");
        }
        LOG.infof("open case key: %d open cases keyed%s", keyed, sharing == 0 ? ""
                : "; " + sharing + " open cases share person, peer and role with an older open one and keep no key");
    }
}
