package org.exchangenode.routes.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.exchangenode.routes.PostgresForTests;

/**
 * {@link AuditLogTest} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each run:
 * there an append locks and reads the chain's head in one statement ({@code update ... returning}), and eight writers
 * appending at once must still make one chain.
 */
@QuarkusTest
@TestProfile(AuditLogPostgresTest.OnPostgres.class)
class AuditLogPostgresTest extends AuditLogTest {
    static final String SCHEMA = PostgresForTests.freshSchema("exn_audit_");

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return PostgresForTests.database(SCHEMA);
        }
    }
}
