package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.junit.jupiter.api.Test;

/** Readiness tells an operator which dependency is missing, and shows no secret doing it. */
class ReadinessIT {

    @Test
    void shouldReportTheBrokerDownAndTheDatabaseUpWhenTheBrokerStops() throws Exception {
        String scenario = "readiness-" + System.currentTimeMillis();
        ArtemisServer broker = new ArtemisServer(NodeProcess.WORK.resolve(scenario).resolve("broker"),
                new NodeDeadLetterQueues());
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

    @Test
    void shouldShowNeitherKeyStorePasswordInReadinessAuditOrLogWhenTheyAreInTheUrlOrTheirSettings() throws Exception {
        String scenario = "redaction-" + System.currentTimeMillis();
        String inUrl = "InUrl" + UUID.randomUUID().toString().replace("-", "");
        String ownSetting = "OwnSetting" + UUID.randomUUID().toString().replace("-", "");
        ArtemisServer broker = new ArtemisServer(NodeProcess.WORK.resolve(scenario).resolve("broker"),
                new NodeDeadLetterQueues());
        try (NodeProcess node = new NodeProcess("320100", scenario, broker.url() + "?trustStorePassword=" + inUrl,
                List.of("440300")).with("node.broker.key-store-password", ownSetting).start()) {
            String ready = node.api().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .extract().asString();
            Path export = NodeProcess.WORK.resolve(scenario).resolve("audit.zip");
            Cli.Run run = Cli.run(Map.of(), "audit-export", "--node", node.baseUrl(), "--user", NodeProcess.AUDITOR,
                    "--password-env", "EXN_AUDIT_PASSWORD", "--out", export.toString());

            assertThat(ready).contains("trustStorePassword=***").doesNotContain(inUrl, ownSetting);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(unzipped(export)).contains("node.broker.url=", "trustStorePassword=***")
                    .doesNotContain(inUrl, ownSetting);
            // no session key is configured: the node says so, and Quarkus's warning, which prints the key it drew, is
            // not there
            assertThat(Files.readString(node.log())).doesNotContain(inUrl, ownSetting).doesNotContain("temporary key")
                    .contains("quarkus.http.auth.session.encryption-key is not set");
        } finally {
            broker.close();
        }
    }

    /** Every file of a zip, one after the other, as text. */
    private static String unzipped(Path zip) throws IOException {
        StringBuilder text = new StringBuilder();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }
}
