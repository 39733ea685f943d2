package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit log on PostgreSQL with two instances of node 320100 sharing one schema and one inbox (competing
 * consumers), both appending to one chain while letters stream in parallel; node 440300 answers with Receipts.
 * Each node's log is exported with the audit tool's {@code export} command and verified offline by its
 * {@code verify} command, both run as processes from the built jar.
 */
class AuditLogIT {
    private static final String URL = PostgresExchangeIT.URL;
    private static final String USER = PostgresExchangeIT.USER;
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String NANJING_SCHEMA = "it_audit_320100_" + RUN;
    private static final String SHENZHEN_SCHEMA = "it_audit_440300_" + RUN;
    private static final int LETTERS = 120;
    private static Path work;
    private static ArtemisServer broker;
    private static NodeProcess nanjingA;
    private static NodeProcess nanjingB;
    private static NodeProcess shenzhen;

    @BeforeAll
    static void startNetwork() throws Exception {
        work = NodeProcess.WORK.resolve("audit-" + RUN);
        broker = new ArtemisServer(work.resolve("broker"), new NodeDeadLetterQueues());
        nanjingA = new NodeProcess("320100", "audit-" + RUN + "/a", broker.url(), List.of("440300"))
                .onPostgres(URL, USER, NANJING_SCHEMA).start();
        nanjingB = new NodeProcess("320100", "audit-" + RUN + "/b", broker.url(), List.of("440300"))
                .onPostgres(URL, USER, NANJING_SCHEMA).start();
        shenzhen = new NodeProcess("440300", "audit-" + RUN, broker.url(), List.of("320100"))
                .onPostgres(URL, USER, SHENZHEN_SCHEMA).start();
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        try {
            NodeProcess.closeAll(nanjingA, nanjingB, shenzhen, broker);
        } finally {
            PostgresExchangeIT.dropSchemas(NANJING_SCHEMA, SHENZHEN_SCHEMA);
        }
    }

    @Test
    void shouldKeepOneVerifiableChainWhenTwoInstancesShareTheDatabase() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<String>> submitted = new ArrayList<>();
        for (int i = 0; i < LETTERS; i++) {
            NodeProcess instance = i % 2 == 0 ? nanjingA : nanjingB;
            submitted.add(clients.submit(() -> instance.api().contentType(ContentType.JSON).body(Samples.letterJson())
                    .post("/api/v1/contact-letters").then().statusCode(202).extract().<String>path("messageId")));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : submitted) {
            ids.add(f.get());
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                nanjingA.api().get("/api/v1/messages?direction=OUTBOUND&status=DELIVERED&size=200")
                        .then().extract().jsonPath().getList("messageId").containsAll(ids));

        Path nanjingExport = work.resolve("nanjing.zip");
        Path shenzhenExport = work.resolve("shenzhen.zip");
        assertThat(Cli.run(Map.of(), "audit-export", "--node", nanjingB.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD", "--out", nanjingExport.toString()).exit()).isZero();
        assertThat(Cli.run(Map.of(), "audit-export", "--node", shenzhen.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD", "--out", shenzhenExport.toString()).exit()).isZero();

        Cli.Run nanjing = Cli.run(Map.of(), "audit-verify", "--anchors", NodeProcess.CERTS.resolve("root-ca.crt.pem").toString(),
                nanjingExport.toString());
        Cli.Run shenzhenRun = Cli.run(Map.of(), "audit-verify", "--anchors", NodeProcess.CERTS.resolve("root-ca.crt.pem").toString(),
                shenzhenExport.toString());
        System.out.println(nanjing.output());
        System.out.println(shenzhenRun.output());

        assertThat(nanjing.exit()).as(nanjing.output()).isZero();
        assertThat(nanjing.output()).contains("RESULT       INTACT")
                .contains("outbound     " + LETTERS + " business messages sent, " + LETTERS + " with a matching Receipt")
                .contains("chain start  the node's first entry (genesis)");
        assertThat(shenzhenRun.exit()).as(shenzhenRun.output()).isZero();
        assertThat(shenzhenRun.output()).contains("RESULT       INTACT");
        // both instances wrote configuration entries and messages into the one chain
        assertThat(nanjingA.auditor().get("/api/v1/audit/head").then().extract().jsonPath().getLong("sequence"))
                .isGreaterThanOrEqualTo(2L * LETTERS);
    }

    @Test
    void shouldRefuseAnExportToACallerWithoutTheRoleAndWriteNothing() throws Exception {
        Path target = work.resolve("refused.zip");
        Cli.Run run = Cli.run(Map.of("EXN_AUDIT_PASSWORD", "wrong"), "audit-export", "--node", nanjingA.baseUrl(), "--user",
                NodeProcess.AUDITOR, "--password-env", "EXN_AUDIT_PASSWORD", "--out", target.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.output()).contains("export refused: HTTP 401");
        assertThat(target).doesNotExist();
    }
}
