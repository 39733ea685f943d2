package org.exchangenode.routes.jdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The node's Flyway migrations (SQL under db/migration, one in Java), for the node's database and the benchmark's. */
public final class Migrations {
    private Migrations() {
    }

    public static void apply(DataSource dataSource) {
        apply(dataSource, "latest");
    }

    /** Up to {@code target} (a version, or "latest"): the benchmark fills a database of version 21 before 22. */
    public static void apply(DataSource dataSource, String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .target(target)
                .locations("classpath:db/migration")
                .javaMigrations(new OpenCaseKeyMigration())
                .load()
                .migrate();
    }
}
