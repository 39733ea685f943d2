package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.CitizenIdNumber;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.Person;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.VerifiedSignature;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two node processes (320100 Nanjing, 440300 Shenzhen) on H2, sharing a real Artemis broker over loopback TCP.
 * Every assertion reads state through the nodes' public API.
 */
class TwoNodeExchangeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCENARIO = "h2-" + System.currentTimeMillis();
    private static ArtemisServer broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;
    private static RawSender raw;

    @BeforeAll
    static void startNetwork() throws Exception {
        broker = new ArtemisServer(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), new NodeDeadLetterQueues());
        nanjing = new NodeProcess("320100", SCENARIO, broker.url(), List.of("440300", "510100")).start();
        shenzhen = new NodeProcess("440300", SCENARIO, broker.url(), List.of("320100", "510100")).start();
        raw = new RawSender(broker.url());
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        if (raw != null) {
            raw.close();
        }
        NodeProcess.closeAll(nanjing, shenzhen, broker);
    }

    @Test
    void shouldStoreVerifyAndReceiptWhenNanjingSendsAContactLetterToShenzhen() {
        String id = nanjing.api().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");

        await().atMost(WAIT).untilAsserted(() -> shenzhen.api().get("/api/v1/messages/" + id).then().statusCode(200)
                .body("direction", equalTo("INBOUND")).body("status", equalTo("RECEIVED"))
                .body("from", equalTo("320100")).body("receiptsSent", equalTo(1)));
        byte[] stored = shenzhen.api().get("/api/v1/messages/" + id + "/content").then().statusCode(200)
                .extract().asByteArray();
        VerifiedSignature signature = RawSender.verifier().verify(EnvelopeCodec.parse(stored, 1 << 20), Instant.now());
        assertThat(CertificateChecker.nodeIdOf(signature.signer())).isEqualTo("320100");

        await().atMost(WAIT).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        String receiptId = nanjing.api().get("/api/v1/messages/" + id).then().extract().path("receiptMessageId");
        shenzhen.api().get("/api/v1/messages/" + receiptId).then().statusCode(200)
                .body("type", equalTo("Receipt")).body("refToMessageId", equalTo(id)).body("status", equalTo("SENT"));
    }

    @Test
    void shouldQuarantineWithoutAnErrorWhenATamperedMessageIsPutOnTheInbox() throws Exception {
        String conversation = "IT-TAMPER-" + UUID.randomUUID().toString().substring(0, 8);
        SignedMessage letter = RawSender.letter("320100", "320100", "440300", conversation, Samples.letter());
        byte[] tampered = new String(letter.bytes(), StandardCharsets.UTF_8)
                .replace("4301010509001234567", "6222020000000000000").getBytes(StandardCharsets.UTF_8);

        raw.send("440300", tampered);

        assertQuarantinedUnanswered(letter.header().messageId(), conversation, "SIGNATURE_INVALID");
    }

    @Test
    void shouldQuarantineWithoutAnErrorWhenChengduSignsInNanjingsName() throws Exception {
        String conversation = "IT-FORGED-" + UUID.randomUUID().toString().substring(0, 8);
        SignedMessage forged = RawSender.letter("510100", "320100", "440300", conversation, Samples.sampleLetter());

        raw.send("440300", forged.bytes());

        assertQuarantinedUnanswered(forged.header().messageId(), conversation, "SENDER_MISMATCH");
    }

    /** Refused and kept, but 440300 signs no Error to 320100 about a message 320100 is not proven to have sent. */
    private static void assertQuarantinedUnanswered(String id, String conversation, String code) {
        await().atMost(WAIT).untilAsserted(() -> shenzhen.auditor().get("/api/v1/quarantine?messageId=" + id).then()
                .statusCode(200).body("errorCode", hasItem(code)).body("claimedSender", hasItem("320100")));
        shenzhen.api().get("/api/v1/messages/" + id).then().statusCode(404);
        // an Error is stored in the same transaction as the quarantine row: none was
        shenzhen.auditor().get("/api/v1/quarantine?messageId=" + id).then()
                .body("[0].errorMessageId", nullValue()).body("[0].unanswered", containsString("signature"));
        shenzhen.api().get("/api/v1/messages?type=Error&conversationId=" + conversation).then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void shouldStoreOnceAndReceiptTwiceWhenTheSameMessageIsDeliveredTwice() throws Exception {
        String conversation = "IT-DUP-" + UUID.randomUUID().toString().substring(0, 8);
        SignedMessage letter = RawSender.letter("320100", "320100", "440300", conversation, Samples.letter());

        raw.send("440300", letter.bytes());
        await().atMost(WAIT).untilAsserted(() -> shenzhen.api().get("/api/v1/messages/" + letter.header().messageId())
                .then().statusCode(200));
        raw.send("440300", letter.bytes());

        await().atMost(WAIT).untilAsserted(() -> shenzhen.api().get("/api/v1/messages/" + letter.header().messageId())
                .then().body("deliveries", equalTo(2)).body("receiptsSent", equalTo(2)));
        JsonPath messages = shenzhen.api().get("/api/v1/messages?conversationId=" + conversation).then().extract().jsonPath();
        assertThat(messages.getList("findAll { it.direction == 'INBOUND' }")).hasSize(1);
        List<Map<String, Object>> receipts = messages.getList("findAll { it.type == 'Receipt' }");
        assertThat(receipts).hasSize(2).allSatisfy(r -> assertThat(r.get("refToMessageId"))
                .isEqualTo(letter.header().messageId()));
    }

    @Test
    void shouldNeverLogThePersonsIdNumberNameOrBirthDateWhenExchangingAndRefusing() throws Exception {
        // four letters, each for its own fictitious person (valid GB 11643 numbers), so that a value found in a log
        // can only come from the letter that carried it
        SamplePersons.Identity delivered = SamplePersons.next();
        String deliveredName = Samples.freshName();
        String id = nanjing.api().contentType(ContentType.JSON).body(Samples.jsonFor(deliveredName, delivered))
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");

        SamplePersons.Identity refusedAtIntake = SamplePersons.next();
        String refusedAtIntakeName = Samples.freshName();
        String wrongCheck = Samples.withWrongCheckCharacter(refusedAtIntake.idNumber());
        nanjing.api().contentType(ContentType.JSON).body(Samples.jsonFor(refusedAtIntakeName, refusedAtIntake)
                        .replace(refusedAtIntake.idNumber(), wrongCheck))
                .post("/api/v1/contact-letters").then().statusCode(422);

        // a letter whose ID number and birth date break the schema (pattern, xs:date), signed as it is by 320100's
        // key (broken software at a real peer): Shenzhen answers it with a signed Error, which must not quote them
        SamplePersons.Identity badSchema = SamplePersons.next();
        String badSchemaName = Samples.freshName();
        String badId = badSchema.idNumber().substring(0, 16) + "XX";
        String badDate = badSchema.birthDate().substring(0, 4) + "-02-30";
        SignedMessage invalid = RawSender.brokenLetter("320100", "440300", "IT-PII-" + UUID.randomUUID().toString()
                .substring(0, 8), Samples.letterFor(badSchemaName, badSchema), Map.of("IdNumber", badId, "BirthDate", badDate));
        raw.send("440300", invalid.bytes());

        // a signed, valid letter the temporary-account rule refuses: a man of 56 registered in Chengdu
        String first17 = "110105" + "19700315" + String.format("%03d", 2 * ThreadLocalRandom.current().nextInt(0, 499) + 1);
        SamplePersons.Identity older = new SamplePersons.Identity(first17 + CitizenIdNumber.checkCharacter(first17),
                "1970-03-15", "1");
        String olderName = Samples.freshName();
        ContactLetter onOrdinary = Samples.letterFor(olderName, older);
        Person p = onOrdinary.person();
        onOrdinary = new ContactLetter(onOrdinary.letterNumber(), onOrdinary.letterDate(), onOrdinary.transferType(), "0",
                new Person(p.name(), p.idNumber(), p.sex(), p.birthDate(), "510104", p.personalNumber(), p.migrantWorker()),
                onOrdinary.addresseeAgency(), onOrdinary.transferInAgency(), onOrdinary.handler());
        SignedMessage temporary = RawSender.letter("320100", "320100", "440300", "IT-PII-" + UUID.randomUUID().toString()
                .substring(0, 8), onOrdinary);
        raw.send("440300", temporary.bytes());

        await().atMost(WAIT).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        await().atMost(WAIT).untilAsserted(() -> shenzhen.auditor().get("/api/v1/quarantine?messageId=" + invalid.header().messageId())
                .then().body("errorCode", hasItem("SCHEMA_INVALID")));
        await().atMost(WAIT).untilAsserted(() -> shenzhen.auditor().get("/api/v1/quarantine?messageId=" + temporary.header().messageId())
                .then().body("errorCode", hasItem("FIELD_INVALID")));

        List<String> personal = List.of(delivered.idNumber(), deliveredName, delivered.birthDate(),
                refusedAtIntake.idNumber(), wrongCheck, refusedAtIntakeName, refusedAtIntake.birthDate(),
                badSchema.idNumber(), badId, badSchemaName, badSchema.birthDate(), badDate,
                older.idNumber(), olderName, older.birthDate());
        StringBuilder shown = new StringBuilder();
        for (NodeProcess node : new NodeProcess[] {nanjing, shenzhen}) {
            String log = java.nio.file.Files.readString(node.log());
            assertThat(log).contains(id, invalid.header().messageId());
            shown.append(log);
            shown.append(node.auditor().get("/api/v1/quarantine?size=500").asString());
        }
        for (SignedMessage refused : List.of(invalid, temporary)) {
            String errorId = shenzhen.auditor().get("/api/v1/quarantine?messageId=" + refused.header().messageId()).then()
                    .extract().path("[0].errorMessageId");
            // the signed Error as Shenzhen put it on the broker
            shown.append(shenzhen.api().get("/api/v1/messages/" + errorId + "/content").then().statusCode(200)
                    .extract().asString());
        }
        assertThat(shown.toString()).contains("TEMPORARY_ACCOUNT_REQUIRED").doesNotContain(personal)
                .doesNotContain("510104)", "of 56");
    }

    @Test
    void shouldRefuseBadIntakeNamingTheFieldAndStoreNothing() {
        int before = nanjing.api().get("/api/v1/messages?direction=OUTBOUND&type=ContactLetter&size=500").then()
                .extract().jsonPath().getList("$").size();

        nanjing.api().contentType(ContentType.JSON).body("{\"letterNumber\": \"A1\",").post("/api/v1/contact-letters")
                .then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        nanjing.api().contentType(ContentType.JSON).body(Samples.sampleLetterJson().replace("\"sex\": \"1\"", "\"sex\": 1.5e3x"))
                .post("/api/v1/contact-letters").then().statusCode(400);
        nanjing.api().contentType(ContentType.JSON).body(Samples.sampleLetterJson().replace("\"handler\"", "\"handlr\""))
                .post("/api/v1/contact-letters").then().statusCode(400).body("violations[0].field", equalTo("handlr"));
        for (String[] bad : new String[][] {
                {"510104198805121377", "510104198805121370", "person.idNumber", "ID_CHECK_CHARACTER"},
                {"510104198805121377", "5101041988051213", "person.idNumber", "ID_LENGTH"},
                {"\"birthDate\": \"1988-05-12\"", "\"birthDate\": \"1988-02-30\"", "person.birthDate", "FORMAT"},
                {"\"sex\": \"1\"", "\"sex\": \"2\"", "person.sex", "SEX_MISMATCH"},
                {"\"householdRegistration\": \"510104\"", "\"householdRegistration\": \"51A104\"", "person.householdRegistration", "FORMAT"},
                {"\"postcode\": \"210019\"", "\"postcode\": \"\"", "transferInAgency.postcode", "REQUIRED"},
                {"\"accountNumber\": \"4301010509001234567\"", "\"accountNumber\": \"43-01\"", "transferInAgency.bankAccount.accountNumber", "FORMAT"},
                {"\"transferType\": \"01\"", "\"transferType\": \"07\"", "transferType", "NOT_ALLOWED"},
                {"\"letterDate\": \"2026-11-20\"", "\"letterDate\": \"2099-01-01\"", "letterDate", "DATE_IN_FUTURE"},
                {"\"nodeId\": \"440300\"", "\"nodeId\": \"110100\"", "addresseeAgency.nodeId", "UNKNOWN_PEER"}}) {
            nanjing.api().contentType(ContentType.JSON).body(Samples.sampleLetterJson().replace(bad[0], bad[1]))
                    .post("/api/v1/contact-letters").then().statusCode(422)
                    .body("violations.field", hasItems(bad[2])).body("violations.code", hasItems(bad[3]))
                    .body(org.hamcrest.Matchers.not(containsString("510104198805121370")));
        }

        nanjing.api().get("/api/v1/messages?direction=OUTBOUND&type=ContactLetter&size=500").then()
                .body("size()", equalTo(before));
    }

    @Test
    void shouldPingThePeerThroughTheBrokerWithTheCommandLine() throws Exception {
        Cli.Run run = Cli.run(Map.of(), "ping", "440300", "--node", nanjing.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).containsPattern("Pong from 440300 in \\d+ ms; signed by .*CN=440300");

        Cli.Run unknown = Cli.run(Map.of(), "ping", "999999", "--node", nanjing.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.output()).contains("UNKNOWN_PEER");
    }
}
