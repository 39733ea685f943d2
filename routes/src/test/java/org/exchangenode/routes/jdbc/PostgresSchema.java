package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.exchangenode.routes.config.DatabaseConfig;

/** A schema of its own on the test PostgreSQL (127.0.0.1:5432, database {@code test}) for one store test, dropped after. */
record PostgresSchema(String name) {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    static PostgresSchema fresh(String prefix) {
        return new PostgresSchema(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    DatabaseConfig config() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.postgresql, URL, "postgres", name);
    }

    void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + name + " cascade");
        }
    }
}
