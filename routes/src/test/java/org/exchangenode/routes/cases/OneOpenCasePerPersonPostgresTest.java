package org.exchangenode.routes.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;

/**
 * {@link OneOpenCasePerPerson} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each
 * run: the node runs the real migrations into it at start.
 */
@QuarkusTest
@TestProfile(OneOpenCasePerPersonPostgresTest.OnPostgres.class)
class OneOpenCasePerPersonPostgresTest extends OneOpenCasePerPerson {
    static final String SCHEMA = "exn_cases_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("node.database.kind", "postgresql",
                    "node.database.url", "jdbc:postgresql://127.0.0.1:5432/test",
                    "node.database.user", "postgres",
                    "node.database.schema", SCHEMA);
        }
    }
}
