package org.exchangenode.routes.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.exchangenode.routes.PostgresForTests;

/**
 * {@link OneOpenCasePerPerson} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each
 * run: the node runs the real migrations into it at start.
 */
@QuarkusTest
@TestProfile(OneOpenCasePerPersonPostgresTest.OnPostgres.class)
class OneOpenCasePerPersonPostgresTest extends OneOpenCasePerPerson {
    static final String SCHEMA = PostgresForTests.freshSchema("exn_cases_");

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PostgresForTests.database(SCHEMA);
        }
    }
}
