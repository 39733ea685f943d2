package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.exchangenode.routes.PostgresForTests;
import org.exchangenode.routes.config.DatabaseConfig;

/** A schema of its own on the test PostgreSQL (127.0.0.1:5432, database {@code test}) for one store test, dropped after. */
record PostgresSchema(String name) {
    static PostgresSchema fresh(String prefix) {
        return new PostgresSchema(PostgresForTests.freshSchema(prefix));
    }

    DatabaseConfig config() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.postgresql, PostgresForTests.URL,
                PostgresForTests.USER, name);
    }

    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresForTests.URL, PostgresForTests.USER, "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }
}
