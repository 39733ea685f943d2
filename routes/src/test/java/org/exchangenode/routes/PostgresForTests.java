package org.exchangenode.routes;

import java.util.Map;
import java.util.UUID;

/**
 * The node on the test PostgreSQL (127.0.0.1:5432, database {@code test}) in a schema of its own, for the test
 * profiles that run a whole test class there (the node runs the real migrations into the schema at start) and for
 * the store tests' {@code PostgresSchema}.
 */
public final class PostgresForTests {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private PostgresForTests() {
    }

    /** A schema name not used before: {@code prefix} and twelve random hexadecimal digits. */
    public static String freshSchema(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The configuration that puts the node's database into {@code schema}. */
    public static Map<String, String> database(String schema) {
        return Map.of("node.database.kind", "postgresql",
                "node.database.url", URL,
                "node.database.user", USER,
                "node.database.schema", schema);
    }
}
