package org.exchangenode.routes.health;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** {@link NodeMetrics} on the embedded default, H2. */
@QuarkusTest
@TestProfile(NodeMetricsTest.OnH2.class)
class NodeMetricsTest extends NodeMetrics {

    public static class OnH2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return fastSamples();
        }
    }
}
