package org.exchangenode.routes.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** {@link NodeMetrics} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each run. */
@QuarkusTest
@TestProfile(NodeMetricsPostgresTest.OnPostgres.class)
class NodeMetricsPostgresTest extends NodeMetrics {
    static final String SCHEMA = "exn_metrics_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(fastSamples());
            config.put("node.database.kind", "postgresql");
            config.put("node.database.url", "jdbc:postgresql://127.0.0.1:5432/test");
            config.put("node.database.user", "postgres");
            config.put("node.database.schema", SCHEMA);
            return config;
        }
    }
}
