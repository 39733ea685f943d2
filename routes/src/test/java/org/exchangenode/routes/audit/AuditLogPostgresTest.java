package org.exchangenode.routes.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;

/**
 * {@link AuditLogTest} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each run:
 * there an append locks and reads the chain's head in one statement ({@code update ... returning}), and eight writers
 * appending at once must still make one chain.
 */
@QuarkusTest
@TestProfile(AuditLogPostgresTest.OnPostgres.class)
class AuditLogPostgresTest extends AuditLogTest {
    static final String SCHEMA = "exn_audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

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
