package org.exchangenode.routes.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.exchangenode.routes.PostgresForTests;

/** {@link NodeMetrics} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own for each run. */
@QuarkusTest
@TestProfile(NodeMetricsPostgresTest.OnPostgres.class)
class NodeMetricsPostgresTest extends NodeMetrics {
    static final String SCHEMA = PostgresForTests.freshSchema("exn_metrics_");

    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(fastSamples());
            config.putAll(PostgresForTests.database(SCHEMA));
            return config;
        }
    }
}
