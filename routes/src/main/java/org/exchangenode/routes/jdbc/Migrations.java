package org.exchangenode.routes.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The node's Flyway migrations (SQL under db/migration, one in Java), for the node's database and the benchmark's. */
public final class Migrations {
    private Migrations() {
    }

    public static void apply(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new OpenCaseKeyMigration())
                .load()
                .migrate();
    }
}
