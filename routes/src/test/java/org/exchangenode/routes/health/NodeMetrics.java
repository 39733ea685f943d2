package org.exchangenode.routes.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.routes.MetricsForTests.value;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The gauges and histograms an operator alerts on, read from {@code /q/metrics} of a node with a database and broker of
 * its own (a fresh data directory, and on PostgreSQL a fresh schema), so that every count is the class's alone.
 */
abstract class NodeMetrics extends PeerTestSupport {
    private static final String PEER = "node=\"320100\",peer=\"440300\"";
    private static final String NODE = "node=\"320100\"";
    private static final int MAX_POOL_SIZE = 7;

    /** A data directory of its own, samples every 0.2 s, no resend while a test waits, a checkpoint every second. */
    static Map<String, String> fastSamples() {
        return Map.of("node.data-dir", "target/test-data-metrics-" + Long.toString(System.nanoTime(), 36),
                "node.metrics.sample-interval", "PT0.2S",
                "node.delivery.receipt-timeout", "PT1H",
                "node.audit.checkpoint-interval", "PT1S",
                "node.database.max-pool-size", String.valueOf(MAX_POOL_SIZE));
    }

    @Test
    void shouldCountALetterAwaitingItsReceiptAndTimeTheReceiptWhenThePeerAnswers() throws Exception {
        double before = value("exn_outbox_unreceipted_messages{" + PEER + "}", 0);
        double receipts = value("exn_receipt_latency_seconds_count{" + PEER + "}", 0);
        String id = given().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("exn_outbox_unreceipted_messages{" + PEER + "}", -1)).isEqualTo(before + 1);
            assertThat(value("exn_outbox_unreceipted_oldest_age_seconds{" + PEER + "}", -1)).isGreaterThan(0);
            assertThat(value("exn_outbox_unsent_messages{" + PEER + "}", -1)).isGreaterThanOrEqualTo(0);
            assertThat(value("exn_outbox_unsent_oldest_age_seconds{" + PEER + "}", -1)).isGreaterThanOrEqualTo(0);
            assertThat(value("exn_outbound_failed_messages{" + PEER + "}", -1)).isGreaterThanOrEqualTo(0);
        });

        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", letter.header().conversationId(), id,
                TransportMessages.receipt(letter, Instant.now()));
        shenzhen.send("320100", receipt.bytes());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("exn_outbox_unreceipted_messages{" + PEER + "}", -1)).isEqualTo(before);
            assertThat(value("exn_receipt_latency_seconds_count{" + PEER + "}", -1)).isEqualTo(receipts + 1);
        });
        // the letter waited for a Receipt that was sent by hand after it arrived: more than nothing, less than the wait
        double latency = value("exn_receipt_latency_seconds_sum{" + PEER + "}", -1);
        assertThat(latency).isPositive().isLessThan(WAIT.toSeconds() * (receipts + 1));
        assertThat(value("exn_receipt_latency_seconds_bucket{" + PEER + ",le=\"3600.0\"}", -1)).isEqualTo(receipts + 1);
        assertThat(value("exn_inbound_handling_seconds_count{" + NODE + ",type=\"Receipt\"}", -1)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldCountAReceivedLetterOnThePullInboxUntilTheLocalSystemAcknowledgesIt() throws Exception {
        double before = sampled("exn_pull_inbox_backlog_messages{" + NODE + "}");
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-METRICS"),
                null, ContactLetterXml.write(Samples.letterFrom440300()));
        shenzhen.send("320100", letter.bytes());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("exn_pull_inbox_backlog_messages{" + NODE + "}", -1)).isEqualTo(before + 1);
            assertThat(value("exn_pull_inbox_backlog_oldest_age_seconds{" + NODE + "}", -1)).isGreaterThan(0);
            assertThat(value("exn_inbound_handling_seconds_count{" + NODE + ",type=\"ContactLetter\"}", -1))
                    .isGreaterThanOrEqualTo(1);
        });
        given().contentType(ContentType.JSON).body("{\"messageIds\": [\"" + letter.header().messageId() + "\"]}")
                .post("/api/v1/inbox/ack").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(value("exn_pull_inbox_backlog_messages{" + NODE + "}", -1)).isEqualTo(before));
    }

    @Test
    void shouldCountADocumentInQuarantine() throws Exception {
        double before = sampled("exn_quarantine_messages{" + NODE + "}");

        shenzhen.send("320100", "<not-a-message/>".getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(value("exn_quarantine_messages{" + NODE + "}", -1)).isEqualTo(before + 1));
        // refused before its type could be trusted: timed under "refused", never under a type the sender claims
        assertThat(value("exn_inbound_handling_seconds_count{" + NODE + ",type=\"refused\"}", -1))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldShowTheBrokerUpNoDeadLettersAndTheAuditHeadSigned() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("exn_broker_up{" + NODE + "}", -1)).isEqualTo(1);
            // the pool holds at least the connection it opened at start, and is as large as configured
            assertThat(value("exn_database_pool_active_connections{" + NODE + "}", -1)
                    + value("exn_database_pool_idle_connections{" + NODE + "}", -1)).isGreaterThanOrEqualTo(1);
            assertThat(value("exn_database_pool_max_connections{" + NODE + "}", -1)).isEqualTo(MAX_POOL_SIZE);
            assertThat(value("exn_dead_letters_messages{" + NODE + "}", -1)).isZero();
            assertThat(value("exn_audit_checkpoint_interval_seconds{" + NODE + "}", -1)).isEqualTo(1);
            // entries were written at the start; the 1 s checkpoint timer signs them
            assertThat(value("exn_audit_checkpoint_age_seconds{" + NODE + "}", -1)).isGreaterThanOrEqualTo(0);
            assertThat(value("exn_audit_unsigned_oldest_age_seconds{" + NODE + "}", -1)).isZero();
            assertThat(value("exn_metrics_sample_timestamp_seconds{" + NODE + "}", -1))
                    .isGreaterThan(Instant.now().getEpochSecond() - 60);
        });
    }

    @Test
    void shouldShowEveryConfiguredPeerBeforeItHadALetter() {
        // 510100 is a configured peer no test of this class writes to: its series are there, at 0
        String peer = "node=\"320100\",peer=\"510100\"";
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(value("exn_outbox_unsent_messages{" + peer + "}", -1)).isZero();
            assertThat(value("exn_outbox_unreceipted_oldest_age_seconds{" + peer + "}", -1)).isZero();
            assertThat(value("exn_outbound_failed_messages{" + peer + "}", -1)).isZero();
        });
    }

    @Test
    void shouldDescribeEveryNodeWideGaugeWithItsUnitInTheName() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : new String[] {"exn_quarantine_messages", "exn_dead_letters_messages",
                "exn_webhook_backlog_messages", "exn_webhook_backlog_oldest_age_seconds", "exn_webhook_failed_messages",
                "exn_webhook_configured",
                "exn_pull_inbox_backlog_messages", "exn_pull_inbox_backlog_oldest_age_seconds",
                "exn_audit_checkpoint_age_seconds", "exn_audit_unsigned_oldest_age_seconds",
                "exn_audit_checkpoint_interval_seconds", "exn_broker_up", "exn_metrics_sample_timestamp_seconds",
                "exn_calendar_last_year", "exn_calendar_next_year_missing", "exn_certificate_days_to_expiry",
                "exn_database_pool_active_connections", "exn_database_pool_idle_connections",
                "exn_database_pool_max_connections", "exn_database_pool_pending_threads",
                "exn_database_pool_wait_seconds"}) {
            assertThat(metrics).as(name).containsPattern("(?m)^# HELP " + name + " \\S");
        }
    }

    /** The value of a gauge once the first sample has set it (until then it has no value: NaN). */
    static double sampled(String series) {
        return await().atMost(WAIT).until(() -> value(series, Double.NaN), v -> !Double.isNaN(v));
    }

}
