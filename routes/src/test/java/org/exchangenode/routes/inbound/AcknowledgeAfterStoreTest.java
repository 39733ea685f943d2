package org.exchangenode.routes.inbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * A message is acknowledged to the broker only once it is stored: while storing fails, the inbox transaction rolls
 * back and the broker keeps the message; when storing works again, it is stored exactly once. (The failure is made by
 * taking a table away for a moment; database restarts on PostgreSQL are the fault tests' business.)
 */
@QuarkusTest
class AcknowledgeAfterStoreTest {
    @Inject
    Database database;

    private static double retries() {
        Matcher matcher = Pattern.compile("(?m)^exn_inbound_retries_total\\{node=\"320100\"} ([0-9.E]+)").matcher(given().get("/q/metrics").asString());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    @Test
    void shouldStoreTheMessageOnceWhenTheDatabaseRefusedItAtFirst() throws Exception {
        try (TestPeer shenzhen = BrokerUsersForTests.peer("440300")) {
            SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-ACK"), null,
                    ContactLetterXml.write(Samples.letterFrom440300()));
            String id = letter.header().messageId();

            try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
                double retriesBefore = retries();
                // storing an inbound message writes its Receipt's outbox row: without the table every store fails
                statement.execute("ALTER TABLE exn_outbox RENAME TO exn_outbox_away");
                try {
                    shenzhen.send("320100", letter.bytes());
                    await().atMost(Duration.ofSeconds(30)).until(() -> retries() > retriesBefore);
                    given().get("/api/v1/messages/" + id).then().statusCode(404);
                } finally {
                    statement.execute("ALTER TABLE exn_outbox_away RENAME TO exn_outbox");
                }
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                    .statusCode(200).body("deliveries", equalTo(1)).body("receiptsSent", equalTo(1)));
            shenzhen.receive(TestPeer.answering(MessageType.RECEIPT, id), Duration.ofSeconds(20));
        }
    }
}
