package org.exchangenode.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.routes.ApiUserForTests.asOperator;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.CitizenIdNumber;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.Person;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.jdbc.Database;
import org.exchangenode.testsupport.samples.Samples;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Refused letters from the peer 440300, each for its own fictitious person: neither the WARN line, nor the
 * quarantine record, nor the signed Error on the broker may carry the person's ID number, name or birth date — they
 * name the field and the rule. The log records are what is under test here, so the test captures them.
 */
@QuarkusTest
class PersonalDataTest extends PeerTestSupport {
    private static final String[] SURNAMES = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐"};
    private static final String[] GIVEN = {"明远", "秋实", "静姝", "浩然", "若溪", "子墨", "嘉懿", "思睿"};
    private final Queue<String> logged = new ConcurrentLinkedQueue<>();
    @Inject
    Database database;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static String freshName() {
        UUID random = UUID.randomUUID();
        return SURNAMES[(int) Math.floorMod(random.getMostSignificantBits(), SURNAMES.length)]
                + GIVEN[(int) Math.floorMod(random.getLeastSignificantBits(), GIVEN.length)]
                + GIVEN[(int) Math.floorMod(random.getLeastSignificantBits() >> 8, GIVEN.length)].charAt(0);
    }

    /** The sample letter from 440300 for a fresh person of this birth date and sex, registered at {@code household}. */
    private static ContactLetter letterFor(String name, String idNumber, String sex, String birthDate, String household) {
        ContactLetter s = Samples.letterFrom440300();
        return new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(), "0",
                new Person(name, idNumber, sex, birthDate, household, null, Boolean.FALSE),
                s.addresseeAgency(), s.transferInAgency(), s.handler());
    }

    private record Refused(String messageId, List<String> personalData) {
    }

    @Test
    void shouldNameFieldAndRuleButNoPersonalDataInLogQuarantineOrErrorWhenLettersAreRefused() throws Exception {
        List<Refused> refused = new ArrayList<>();

        // an impossible birth date (xs:date): Xerces quotes the value
        SamplePersons.Identity first = SamplePersons.next();
        String firstName = freshName();
        String badDate = first.birthDate().substring(0, 4) + "-02-30";
        // signed as it is by the peer (a peer's broken software), so that 320100 answers it with an Error
        byte[] signed = signedWith(letterFor(firstName, first.idNumber(), first.sex(), first.birthDate(), "440304"),
                "BirthDate", badDate);
        send(signed);
        refused.add(new Refused(messageIdOf(signed), List.of(first.idNumber(), firstName, badDate, first.birthDate())));
        SignedMessage letter;

        // a name where a boolean (xs:boolean) belongs
        SamplePersons.Identity second = SamplePersons.next();
        String secondName = freshName();
        signed = signedWith(letterFor(secondName, second.idNumber(), second.sex(), second.birthDate(), "440304"),
                "MigrantWorker", secondName);
        send(signed);
        refused.add(new Refused(messageIdOf(signed), List.of(second.idNumber(), secondName, second.birthDate())));

        // a man of 56 registered in Chengdu, on an ordinary account to Shenzhen: the temporary-account rule refuses it
        String first17 = "110105" + "19700315" + String.format("%03d", 2 * (int) (System.nanoTime() % 400) + 1);
        String thirdId = first17 + CitizenIdNumber.checkCharacter(first17);
        String thirdName = freshName();
        letter = compose(letterFor(thirdName, thirdId, "1", "1970-03-15", "510104"));
        send(letter.bytes());
        refused.add(new Refused(letter.header().messageId(), List.of(thirdId, thirdName, "1970-03-15", "510104", "of 56",
                "man of")));

        // the Errors in whatever order the relay sends them (receive skips what does not match)
        Map<String, Envelope> errors = new HashMap<>();
        while (errors.size() < refused.size()) {
            Envelope error = shenzhen.receive(e -> e.header().type() == MessageType.ERROR && refused.stream()
                    .anyMatch(r -> r.messageId().equals(e.header().refToMessageId())), WAIT);
            errors.put(error.header().refToMessageId(), error);
        }
        for (Refused r : refused) {
            await().atMost(WAIT).untilAsserted(() -> asOperator().get("/api/v1/quarantine?messageId=" + r.messageId()).then()
                    .statusCode(200).body("messageId", hasItem(r.messageId())));
            await().atMost(WAIT).untilAsserted(() -> assertThat(logged).as("the WARN line")
                    .anySatisfy(line -> assertThat(line).contains("quarantined ContactLetter " + r.messageId())));
            String quarantine = asOperator().get("/api/v1/quarantine?messageId=" + r.messageId()).asString();
            Envelope error = errors.get(r.messageId());
            String errorXml = new String(SecureXml.toBytes(error.document()), StandardCharsets.UTF_8);
            String reason = TransportMessages.readError(error.bodyContent()).reason();
            String log = String.join("\n", logged);

            assertThat(reason).as("the Error's reason names the field").containsPattern("BirthDate|MigrantWorker|accountCategory");
            for (String value : r.personalData()) {
                assertThat(quarantine).as("quarantine record").doesNotContain(value);
                assertThat(errorXml).as("Error on the broker").doesNotContain(value);
                assertThat(log).as("log").doesNotContain(value);
            }
        }
    }

    @Test
    void shouldKeepEveryLogLineOneLineWhenAHeaderValueHoldsALineBreak() throws Exception {
        String forged = "FORGED-" + UUID.randomUUID();
        SignedMessage letter = compose(Samples.letterFrom440300());
        String id = letter.header().messageId();
        send(replace(letter, "<env:MessageId>" + id + "</env:MessageId>",
                "<env:MessageId>" + id + "\n2026-11-30 10:00:00,000 INFO  " + forged + " stored and receipted</env:MessageId>"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(logged).anySatisfy(line -> assertThat(line)
                .contains(id + "\\n2026-11-30 10:00:00,000 INFO  " + forged)));
        assertThat(logged).noneSatisfy(line -> assertThat(line).contains("\n2026-11-30 10:00:00,000 INFO  " + forged));
    }

    @Test
    void shouldKeepTheRetryLineOneLineWhenTheBrokerPropertyOfAMessageHoldsALineBreak() throws Exception {
        String forged = "FORGED-" + UUID.randomUUID();
        SignedMessage letter = compose(Samples.letterFrom440300());
        String id = letter.header().messageId();
        try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
            // storing writes the Receipt's outbox row: without the table the store fails and the broker redelivers
            statement.execute("ALTER TABLE exn_outbox RENAME TO exn_outbox_away");
            try {
                sendWithMessageIdProperty(letter.bytes(), id + "\n2026-11-30 10:00:00,000 INFO  " + forged);
                await().atMost(WAIT).until(() -> logged.stream().anyMatch(line -> line.contains(forged)));
            } finally {
                statement.execute("ALTER TABLE exn_outbox_away RENAME TO exn_outbox");
            }
        }

        assertThat(logged).filteredOn(line -> line.contains(forged)).isNotEmpty().allSatisfy(line -> assertThat(line)
                .contains(id + "\\n2026-11-30 10:00:00,000 INFO  " + forged).doesNotContain("\n"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then().statusCode(200));
    }

    /** Puts the bytes on 320100's inbox with the broker property a node's relay sets, here with any value. */
    private static void sendWithMessageIdProperty(byte[] bytes, String messageId) throws Exception {
        try (jakarta.jms.Connection connection = BrokerUsersForTests.connect("node-440300",
                BrokerUsersForTests.password("440300"));
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(bytes);
            message.setStringProperty(BrokerNames.MESSAGE_ID, messageId);
            session.createProducer(session.createQueue("node.320100.inbox")).send(message);
        }
    }

    private SignedMessage compose(ContactLetter letter) {
        return shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-PII"), null,
                ContactLetterXml.write(letter));
    }

    /** The letter with one element's text replaced, signed by 440300 as it is (not validated before signing). */
    private byte[] signedWith(ContactLetter letter, String element, String text) {
        Element body = ContactLetterXml.write(letter);
        body.getElementsByTagNameNS("*", element).item(0).setTextContent(text);
        return shenzhen.signUnchecked(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-PII"), body);
    }

    private static String messageIdOf(byte[] signed) {
        return SecureXml.parse(signed, 1 << 20).getElementsByTagNameNS("*", "MessageId").item(0).getTextContent();
    }

    private void send(byte[] bytes) throws Exception {
        shenzhen.send("320100", bytes);
    }

    private static byte[] replace(SignedMessage message, String from, String to) {
        String xml = new String(message.bytes(), StandardCharsets.UTF_8);
        assertThat(xml).contains(from);
        return xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
