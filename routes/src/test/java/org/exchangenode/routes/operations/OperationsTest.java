package org.exchangenode.routes.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.Masking;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.TestWireClock;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.crypto.WireClock;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.outbound.ResendTest;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Governed operator actions against the real embedded broker and H2: replay of FAILED messages, re-verification of
 * quarantined documents, dead letters moved back — each with a reason, a dry run, roles and an audit entry.
 */
@QuarkusTest
@TestProfile(ResendTest.ShortReceiptTimeout.class)
class OperationsTest extends PeerTestSupport {
    @Inject
    AuditLog audit;
    @Inject
    @WireClock
    TestWireClock wireClock;

    @AfterEach
    void clockBack() {
        wireClock.reset();
    }

    private static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    private String failedLetter() throws Exception {
        return failedLetter(Samples.letterJson());
    }

    @Test
    void shouldReplayAFailedLetterWithItsIdAfterADryRunAndRecordWhoAndWhy() throws Exception {
        String id = failedLetter();

        operator().get("/api/v1/operations/failed?peer=440300&errorCode=RECEIPT_TIMEOUT&size=500").then().statusCode(200)
                .body("messageId", hasItem(id));
        operator().contentType(ContentType.JSON).body(Map.of("peer", "440300", "reason", "peer was down", "dryRun", true))
                .post("/api/v1/operations/replay").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("replayed", hasItem(id));
        given().get("/api/v1/messages/" + id).then().body("status", equalTo("FAILED"));

        operator().contentType(ContentType.JSON)
                .body(Map.of("messageIds", List.of(id, "no-such-id"), "reason", "440300 back after maintenance"))
                .post("/api/v1/operations/replay").then().statusCode(200)
                .body("replayed", equalTo(List.of(id))).body("skipped[0].id", equalTo("no-such-id"))
                .body("skipped[0].why", equalTo("no such message"));

        Envelope again = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", again.header().conversationId(), id,
                TransportMessages.receipt(again, Instant.now()));
        shenzhen.send("320100", receipt.bytes());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")).body("sendCount", equalTo(4)));
        List<String> outcomes = operator().get("/api/v1/operations/messages/" + id).then().statusCode(200)
                .extract().jsonPath().getList("attempts.outcome");
        assertThat(outcomes).containsSubsequence("FAILED", "REPLAYED", "SENT");
        List<AuditEntry> log = audit.entries(1, Long.MAX_VALUE, 1_000_000);
        assertThat(log).anyMatch(e -> e.kind() == AuditKind.OPERATOR_ACTION && "operator-test".equals(e.actor())
                && id.equals(e.messageId()) && e.detail().endsWith("440300 back after maintenance"));
    }

    @Test
    void shouldShowTheBodyWithPersonalDataMasked() {
        String letter = Samples.letterJson();
        String idNumber = JsonPath.from(letter).getString("person.idNumber");
        String id = given().contentType(ContentType.JSON).body(letter)
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");

        String body = operator().get("/api/v1/operations/messages/" + id).then().statusCode(200)
                .extract().path("maskedBody");

        assertThat(body).contains(Masking.idNumber(idNumber), "张*").doesNotContain(idNumber, "张伟");
    }

    @Test
    void shouldRefuseAReplayWithoutAReasonAndCallersWithoutTheRole() {
        operator().contentType(ContentType.JSON).body(Map.of("peer", "440300"))
                .post("/api/v1/operations/replay").then().statusCode(422)
                .body("violations[0].field", equalTo("reason")).body("violations[0].code", equalTo("REQUIRED"));
        given().auth().none().get("/api/v1/operations/failed").then().statusCode(401);
        given().auth().preemptive().basic("auditor-test", "auditor-test-password").get("/api/v1/operations/failed")
                .then().statusCode(403);
        operator().get("/api/v1/operations/failed?from=yesterday").then().statusCode(422)
                .body("violations[0].field", equalTo("from"));
    }

    @Test
    void shouldProcessAQuarantinedLetterThatPassesWhenReverified() throws Exception {
        // signed 5 minutes and 3 seconds ahead of our clock: refused as clock skew now, acceptable once it moved on
        ContactLetter skewed = Samples.letterFrom440300();
        Instant ahead = wireClock.instant().plus(5, ChronoUnit.MINUTES).plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        SignedMessage letter = shenzhen.composer.compose(new EnvelopeHeader(UUID.randomUUID().toString(),
                Samples.caseId("440300-CASE-SKEW"), null, MessageType.CONTACT_LETTER, "440300", "320100", ahead,
                EnvelopeHeader.SCHEMA_VERSION), ContactLetterXml.write(skewed));
        String id = letter.header().messageId();
        shenzhen.send("320100", letter.bytes());
        await().atMost(WAIT).untilAsserted(() -> operator().get("/api/v1/operations/quarantine?messageId=" + id)
                .then().body("errorCode", hasItem("CLOCK_SKEW")));
        String quarantineId = operator().get("/api/v1/operations/quarantine?messageId=" + id).then()
                .extract().path("[0].quarantineId");
        operator().get("/api/v1/operations/quarantine?peer=440300&errorCode=CLOCK_SKEW&unresolved=true&size=500"
                + "&from=" + Instant.now().minusSeconds(600)).then().body("quarantineId", hasItem(quarantineId));
        assertThat(operator().get("/api/v1/operations/quarantine?errorCode=SCHEMA_INVALID&size=500").then().extract()
                .jsonPath().getList("quarantineId")).doesNotContain(quarantineId);
        assertThat(operator().get("/api/v1/operations/quarantine/" + quarantineId + "/masked").then().statusCode(200)
                .extract().asString()).doesNotContain(skewed.person().idNumber());
        // unmasked only for an operator who gives a reason, and the audit log says who read it and why
        String unmasked = "/api/v1/quarantine/" + quarantineId + "/content";
        given().auth().none().get(unmasked + "?reason=x").then().statusCode(401);
        given().get(unmasked + "?reason=x").then().statusCode(403);   // the local system (role submitter)
        operator().get(unmasked).then().statusCode(422).body("violations[0].field", equalTo("reason"));
        long head = audit.head().sequence();
        assertThat(operator().get(unmasked + "?reason=sender asks what we refused").then().statusCode(200)
                .extract().asString()).contains(skewed.person().idNumber());
        assertThat(audit.entries(head + 1, head + 100, 100)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("operator-test");
            assertThat(e.messageId()).isEqualTo(id);
            assertThat(e.detail()).isEqualTo("read quarantined document " + quarantineId
                    + " unmasked: sender asks what we refused");
        });

        wireClock.advance(Duration.ofSeconds(10));
        operator().contentType(ContentType.JSON).body(Map.of("reason", "sender clock corrected"))
                .post("/api/v1/operations/quarantine/" + quarantineId + "/reverify").then().statusCode(200)
                .body("outcome", equalTo("PROCESSED"));

        given().get("/api/v1/messages/" + id).then().statusCode(200).body("status", equalTo("RECEIVED"));
        shenzhen.receive(TestPeer.answering(MessageType.RECEIPT, id), WAIT);
        operator().get("/api/v1/operations/quarantine?messageId=" + id).then()
                .body("[0].resolution.by", equalTo("operator-test"));
        operator().contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .post("/api/v1/operations/quarantine/" + quarantineId + "/reverify").then().statusCode(200)
                .body("outcome", equalTo("ALREADY_RESOLVED"));
    }

    @Test
    void shouldReportAQuarantinedDocumentThatStillFailsWithoutAnsweringItAgain() throws Exception {
        String sentAfter = "/api/v1/operations/quarantine?errorCode=SCHEMA_INVALID&unresolved=true&from="
                + Instant.now().minusSeconds(1);
        shenzhen.send("320100", "<not-a-message/>".getBytes());
        await().atMost(WAIT).untilAsserted(() -> assertThat(operator().get(sentAfter).then().extract().jsonPath()
                .getList("quarantineId")).hasSize(1));
        String quarantineId = operator().get(sentAfter).then().extract().path("[0].quarantineId");
        long before = unresolvedQuarantined();

        operator().contentType(ContentType.JSON).body(Map.of("reason", "after schema update"))
                .post("/api/v1/operations/quarantine/" + quarantineId + "/reverify").then().statusCode(200)
                .body("outcome", equalTo("STILL_REFUSED")).body("code", equalTo("SCHEMA_INVALID"));

        assertThat(unresolvedQuarantined()).as("reverifying stores nothing new").isEqualTo(before);
        assertThat(operator().get(sentAfter).then().extract().jsonPath().getList("quarantineId"))
                .containsExactly(quarantineId);
    }

    /** Every unresolved quarantined document of the node, uncapped. */
    private static long unresolvedQuarantined() {
        return given().get("/api/v1/messages/counts").then().statusCode(200).extract().jsonPath().getLong("quarantined");
    }

    @Test
    void shouldMoveADeadLetterBackToTheInboxWhereItIsProcessed() throws Exception {
        ContactLetter form = Samples.letterFrom440300();
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-DLQ"), null,
                ContactLetterXml.write(form));
        String id = letter.header().messageId();
        BrokerUsersForTests.sendToDeadLetters("320100", letter.bytes(), "node.320100.inbox", id, "440300");
        // another node's, on this node's queue as a misconfigured broker would put it: never shown
        BrokerUsersForTests.sendToDeadLetters("320100", letter.bytes(), "node.510100.inbox", id, "440300");

        String brokerId = operator().get("/api/v1/operations/dead-letters?size=500").then().statusCode(200)
                .extract().jsonPath().getString("find { it.messageId == '" + id + "' }.brokerId");
        assertThat(operator().get("/api/v1/operations/dead-letters?size=500").then().extract().jsonPath()
                .getList("findAll { it.messageId == '" + id + "' }")).hasSize(1);
        operator().get("/api/v1/operations/dead-letters?peer=440300&type=ContactLetter&size=500").then()
                .body("brokerId", hasItem(brokerId));
        assertThat(operator().get("/api/v1/operations/dead-letters?peer=510100&size=500").then().extract().jsonPath()
                .getList("brokerId")).doesNotContain(brokerId);
        assertThat(operator().get("/api/v1/operations/dead-letters/" + brokerId + "/masked").then().statusCode(200)
                .extract().asString()).contains(Masking.idNumber(form.person().idNumber()))
                .doesNotContain(form.person().idNumber());
        operator().contentType(ContentType.JSON).body(Map.of("ids", List.of(brokerId), "reason", "db back", "dryRun", true))
                .post("/api/v1/operations/dead-letters/replay").then().statusCode(200).body("replayed", hasItem(brokerId));
        given().get("/api/v1/messages/" + id).then().statusCode(404);

        operator().contentType(ContentType.JSON).body(Map.of("ids", List.of(brokerId), "reason", "db back"))
                .post("/api/v1/operations/dead-letters/replay").then().statusCode(200).body("replayed", hasItem(brokerId));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then().statusCode(200)
                .body("status", equalTo("RECEIVED")));
        operator().contentType(ContentType.JSON).body(Map.of("ids", List.of(brokerId), "reason", "twice"))
                .post("/api/v1/operations/dead-letters/replay").then().statusCode(200)
                .body("skipped[0].why", equalTo("not on this node's dead-letter queue"));
    }

    @Test
    void shouldListALetterOnTheNodesOwnDeadLetterQueueWhenTheBrokerDeadLettersIt() throws Exception {
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-DLA"),
                null, ContactLetterXml.write(Samples.letterFrom440300()));
        String id = letter.header().messageId();
        String ofThisLetter = "_AMQ_DUPL_ID = '" + id + "'";
        // held on the inbox while the broker dead-letters it by its own path, the one it takes after the last failed
        // delivery attempt (10 attempts 1 s to 60 s apart would take minutes)
        manage("queue.node.320100.inbox", "pause");
        try {
            shenzhen.sendWithDuplicateId("320100", letter.bytes(), id);
            assertThat(count(manage("queue.node.320100.inbox", "sendMessagesToDeadLetterAddress", ofThisLetter)))
                    .isEqualTo(1);
        } finally {
            manage("queue.node.320100.inbox", "resume");
        }

        assertThat(count(manage("queue.node.320100.dlq", "countMessages", ofThisLetter))).isEqualTo(1);
        assertThat(count(manage("queue." + BrokerNames.DEAD_LETTER_QUEUE, "countMessages", ofThisLetter))).isZero();
        JsonPath listed = operator().get("/api/v1/operations/dead-letters?size=500").then().statusCode(200)
                .extract().jsonPath();
        String mine = "find { it.messageId == '" + id + "' }";
        assertThat(listed.getString(mine + ".originalQueue")).isEqualTo("node.320100.inbox");

        operator().contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(listed.getString(mine + ".brokerId")), "reason", "broker gave up"))
                .post("/api/v1/operations/dead-letters/replay").then().statusCode(200)
                .body("replayed", hasSize(1)).body("skipped", hasSize(0));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then().statusCode(200)
                .body("status", equalTo("RECEIVED")));
    }

    /** Invokes an operation through the embedded broker's management address, as its administrator. */
    private static Object manage(String resource, String operation, Object... parameters) throws Exception {
        return BrokerUsersForTests.manage(resource, operation, parameters);
    }

    private static long count(Object result) {
        return ((Number) result).longValue();
    }
}
