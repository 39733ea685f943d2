package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both nodes on PostgreSQL (127.0.0.1:5432, database test), each in a schema of its own created for the run: the
 * production database, with the same code as on H2.
 */
class PostgresExchangeIT {
    static final String URL = System.getProperty("exn.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("exn.pg.user", "postgres");
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String NANJING_SCHEMA = "it_320100_" + RUN;
    private static final String SHENZHEN_SCHEMA = "it_440300_" + RUN;
    private static ArtemisServer broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;

    @BeforeAll
    static void startNetwork() throws Exception {
        broker = new ArtemisServer(NodeProcess.WORK.resolve("pg-" + RUN).resolve("broker"), new NodeDeadLetterQueues());
        nanjing = new NodeProcess("320100", "pg-" + RUN, broker.url(), List.of("440300"))
                .onPostgres(URL, USER, NANJING_SCHEMA).start();
        shenzhen = new NodeProcess("440300", "pg-" + RUN, broker.url(), List.of("320100"))
                .onPostgres(URL, USER, SHENZHEN_SCHEMA).start();
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        try {
            NodeProcess.closeAll(nanjing, shenzhen, broker);
        } finally {
            dropSchemas(NANJING_SCHEMA, SHENZHEN_SCHEMA);
        }
    }

    /** Drops the schemas a scenario's nodes created on the test database. */
    static void dropSchemas(String... schemas) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
    }

    @Test
    void shouldDeliverAndStoreInEachNodesOwnSchemaWhenBothRunOnPostgres() throws Exception {
        String id = nanjing.api().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        shenzhen.api().get("/api/v1/messages/" + id).then().statusCode(200).body("status", equalTo("RECEIVED"));
        nanjing.api().get("/q/health/ready").then().body("checks.find { it.name == 'database' }.data.kind",
                equalTo("postgresql"));

        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement s = c.createStatement()) {
            assertThat(status(s, NANJING_SCHEMA, id)).isEqualTo("DELIVERED");
            assertThat(status(s, SHENZHEN_SCHEMA, id)).isEqualTo("RECEIVED");
        }
    }

    private static String status(Statement s, String schema, String id) throws Exception {
        try (ResultSet rs = s.executeQuery("select status from " + schema + ".exn_message where message_id = '" + id + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
