package org.exchangenode.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import org.exchangenode.bench.ArtemisServer;
import org.junit.jupiter.api.Test;

/** Readiness tells an operator which dependency is missing. */
class ReadinessIT {

    @Test
    void shouldReportTheBrokerDownAndTheDatabaseUpWhenTheBrokerStops() throws Exception {
        String scenario = "readiness-" + System.currentTimeMillis();
        ArtemisServer broker = new ArtemisServer(NodeProcess.WORK.resolve(scenario).resolve("broker"));
        try (NodeProcess node = new NodeProcess("320100", scenario, broker.url(), List.of("440300")).start()) {
            node.api().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

            broker.close();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> node.api().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'broker' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database' }.status", equalTo("UP")));
        } finally {
            broker.close();
        }
    }
}
