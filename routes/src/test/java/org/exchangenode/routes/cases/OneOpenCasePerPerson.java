package org.exchangenode.routes.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * One open case per person and peer, held by the database rather than by a read before the insert: letters for one
 * person that arrive at the same moment — from the local system through REST, or from the peer through the broker —
 * open exactly one case; the others are refused with CASE_ALREADY_OPEN and leave nothing behind. Run on H2
 * ({@link OneOpenCasePerPersonTest}) and on PostgreSQL ({@link OneOpenCasePerPersonPostgresTest}).
 */
abstract class OneOpenCasePerPerson extends PeerTestSupport {
    static final int LETTERS = 8;
    static final int ROUNDS = 3;

    @Inject
    Database database;

    @TestHTTPResource("/api/v1/contact-letters")
    URI letters;

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long casesOf(String idNumber) throws Exception {
        return count("select count(*) from exn_case where person_id_number = ?", idNumber);
    }

    /**
     * Contact letters stored since {@code since} without the case they would have opened: a refused letter must leave
     * none. Only this test's (the tests of this class run one at a time, and other test classes store messages of
     * their own without cases in the same database).
     */
    private long lettersWithoutCase(Instant since) throws Exception {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from exn_message m where m.message_type = 'ContactLetter' and m.stored_at >= ? "
                        + "and not exists (select 1 from exn_case c where c.case_id = m.conversation_id)")) {
            s.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void shouldOpenOneCaseAndRefuseTheOthersWhenTheLocalSystemSubmitsLettersForOnePersonAtOnce() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        // a letter first, so that the burst below meets a warm node rather than one request at a time
        given().contentType(ContentType.JSON).body(Samples.letterJson()).post("/api/v1/contact-letters").then()
                .statusCode(202);
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(LETTERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String json = Samples.letterJson();
                String idNumber = JsonPath.from(json).getString("person.idNumber");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < LETTERS; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return http.send(HttpRequest.newBuilder(letters).header("Content-Type", "application/json")
                                        .header("Authorization", ApiUserForTests.authorization())
                                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                    statuses.add(response.statusCode());
                    if (response.statusCode() != 202) {
                        refusals.add(JsonPath.from(response.body()).getString("code"));
                        assertThat(response.body()).doesNotContain(idNumber);
                    }
                }

                assertThat(statuses).as("round " + round).filteredOn(s -> s == 202).hasSize(1);
                assertThat(statuses).as("round " + round).filteredOn(s -> s == 422).hasSize(LETTERS - 1);
                assertThat(refusals).containsOnly("CASE_ALREADY_OPEN");
                assertThat(casesOf(idNumber)).isEqualTo(1);
            }
            assertThat(lettersWithoutCase(since)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldOpenOneCaseAndAnswerTheOthersWithASignedErrorWhenThePeerSendsLettersForOnePersonAtOnce()
            throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        ContactLetter letter = Samples.letterFrom440300();
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < LETTERS; i++) {
            SignedMessage message = shenzhen.compose(MessageType.CONTACT_LETTER, "320100",
                    Samples.caseId("440300-RACE-" + i), null, ContactLetterXml.write(letter));
            sent.add(message.header().messageId());
            shenzhen.send("320100", message.bytes());
        }

        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < LETTERS; i++) {
            Envelope answer = shenzhen.receive(e -> sent.contains(e.header().refToMessageId()), WAIT.multipliedBy(3));
            outcomes.add(answer.header().type() == MessageType.RECEIPT ? "Receipt"
                    : TransportMessages.readError(answer.bodyContent()).code());
            if (answer.header().type() == MessageType.ERROR) {
                assertThat(TransportMessages.readError(answer.bodyContent()).reason())
                        .doesNotContain(letter.person().idNumber());
            }
        }

        assertThat(outcomes).filteredOn("Receipt"::equals).hasSize(1);
        assertThat(outcomes).filteredOn("CASE_ALREADY_OPEN"::equals).hasSize(LETTERS - 1);
        assertThat(casesOf(letter.person().idNumber())).isEqualTo(1);
        assertThat(lettersWithoutCase(since)).isZero();
    }

    @Test
    void shouldLetThePersonOpenANewCaseWithThePeerOnceTheOpenOneIsClosed() throws Exception {
        String json = Samples.letterJson();
        String idNumber = JsonPath.from(json).getString("person.idNumber");
        String first = given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("conversationId");
        given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then().statusCode(422);

        given().contentType("application/xml").body(Samples.text("refusal.xml")
                        .replace("510104198805121377", idNumber).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/refusal?to=440300&conversationId=" + first).then().statusCode(202);
        given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then().statusCode(202);

        assertThat(casesOf(idNumber)).isEqualTo(2);
    }
}
