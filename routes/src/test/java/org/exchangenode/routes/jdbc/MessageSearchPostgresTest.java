package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.exchangenode.routes.config.DatabaseConfig;

/** {@link MessageSearching} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own per test. */
class MessageSearchPostgresTest extends MessageSearching {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String schema = "message_search_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    DatabaseConfig database() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.postgresql, URL, "postgres", schema);
    }

    @Override
    void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
