package org.exchangenode.routes.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The inbox consumer's group commit through the real embedded broker and database: letters that wait in a consumer's
 * buffer while it is busy are stored in one transaction and acknowledged by one broker commit, each exactly once,
 * with its Receipt; a letter delivered twice inside one group is recognised as a duplicate (the group reads what it
 * wrote). The consumers are kept busy by holding the audit head's lock, which every store takes before its commit.
 */
@QuarkusTest
class InboxGroupCommitTest {
    static final int LETTERS = 8;

    @Inject
    Database database;

    @Test
    void shouldStoreLettersThatWaitedInOneGroupEachOnceWithItsReceipt() throws Exception {
        Acknowledged acknowledged = lettersWaitingBehindABusyConsumer(database);
        assertThat(acknowledged.messages()).as("every letter acknowledged once").isEqualTo(LETTERS + 1);
        assertThat(acknowledged.commits()).as("fewer broker commits than letters: some were grouped")
                .isLessThan(LETTERS);
        assertThat(acknowledged.retries()).as("no rollback").isZero();
    }

    /** Broker commits and messages acknowledged by them, and rollbacks, over one run of the scenario. */
    record Acknowledged(double commits, double messages, double retries) {
    }

    /**
     * Sends {@value #LETTERS} letters and the first again while the consumers are held in their first store, then
     * waits until each is stored once and receipted as often as it came.
     */
    static Acknowledged lettersWaitingBehindABusyConsumer(Database database) throws Exception {
        double commitsBefore = metric("exn_inbound_commit_messages_count");
        double messagesBefore = metric("exn_inbound_commit_messages_sum");
        double retriesBefore = metric("exn_inbound_retries_total");
        try (TestPeer shenzhen = BrokerUsersForTests.peer("440300")) {
            List<SignedMessage> letters = new ArrayList<>();
            for (int i = 0; i < LETTERS; i++) {
                letters.add(shenzhen.compose(MessageType.CONTACT_LETTER, "320100",
                        Samples.caseId("440300-GROUP-" + i), null, ContactLetterXml.write(Samples.letterFrom440300())));
            }
            try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
                admin.setAutoCommit(false);
                statement.executeUpdate("update exn_audit_head set last_sequence = last_sequence where id = 1");
                for (SignedMessage letter : letters) {
                    shenzhen.send("320100", letter.bytes());
                }
                // the first letter again, behind the others: stored once and receipted twice, grouped or not
                shenzhen.send("320100", letters.get(0).bytes());
                // each consumer is stuck in its first letter's store; the rest reach the consumers' buffers
                Thread.sleep(1500);
                admin.commit();
            }

            for (SignedMessage letter : letters) {
                String id = letter.header().messageId();
                int deliveries = letter == letters.get(0) ? 2 : 1;
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/messages/" + id)
                        .then().statusCode(200).body("deliveries", equalTo(deliveries))
                        .body("receiptsSent", equalTo(deliveries)));
            }
            for (int i = 0; i < LETTERS + 1; i++) {
                shenzhen.receive(message -> true, Duration.ofSeconds(20));
            }
        }
        return new Acknowledged(metric("exn_inbound_commit_messages_count") - commitsBefore,
                metric("exn_inbound_commit_messages_sum") - messagesBefore,
                metric("exn_inbound_retries_total") - retriesBefore);
    }

    private static double metric(String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{node=\"320100\"} ([0-9.E]+)")
                .matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
