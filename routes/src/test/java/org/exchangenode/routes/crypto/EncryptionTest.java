package org.exchangenode.routes.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.transport.PayloadCrypto;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Payload encryption on a real broker: 320100 encrypts for 510100 (configured), and opens what 440300 encrypted for it;
 * the bytes on the broker hold no ID number or name, the signature covers them, the local system gets the form in clear.
 */
@QuarkusTest
class EncryptionTest extends PeerTestSupport {
    private static final Path CERTS = Path.of("../certs-sample");

    @Test
    void shouldOpenALetterEncryptedForThisNodeAndHandTheFormInClearToTheLocalSystem() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        String caseId = Samples.caseId("440300-SEALED");
        var nanjingCertificate = PemFiles.readCertificates(CERTS.resolve("320100/node.crt.pem")).get(0);
        var header = org.exchangenode.core.envelope.EnvelopeHeader.create(MessageType.CONTACT_LETTER, "440300", "320100",
                caseId, null);
        String messageId = header.messageId();
        SignedMessage sealed = shenzhen.composer.compose(header,
                PayloadCrypto.encrypt(ContactLetterXml.write(letter), nanjingCertificate, messageId));
        String wire = new String(sealed.bytes(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(letter.person().idNumber()).doesNotContain(letter.person().name());

        shenzhen.send("320100", sealed.bytes());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then().statusCode(200));
        List<Map<String, Object>> inbox = given().get("/api/v1/inbox?limit=100&type=ContactLetter").then().extract()
                .jsonPath().getList("findAll { it.messageId == '" + messageId + "' }");
        assertThat(inbox).singleElement().satisfies(entry -> {
            assertThat((String) entry.get("form")).contains(letter.person().idNumber());
            assertThat((String) entry.get("message")).doesNotContain(letter.person().idNumber());
        });
    }

    @Test
    void shouldEncryptWhatItSendsToAPeerConfiguredForIt() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Samples.letterJson());
        ((ObjectNode) json.get("addresseeAgency")).put("nodeId", "510100").put("divisionCode", "510100");
        String idNumber = json.at("/person/idNumber").asText();
        String messageId = given().contentType(ContentType.JSON).body(json.toString()).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().path("messageId");

        try (TestPeer chengdu = BrokerUsersForTests.peer("510100")) {
            Envelope received = chengdu.receive(e -> messageId.equals(e.header().messageId()), WAIT);
            String wire = new String(SecureXml.toBytes(received.document()), StandardCharsets.UTF_8);
            assertThat(wire).contains("SM4-GCM/SM2").doesNotContain(idNumber);
            chengdu.verifier.verify(received, Instant.now());
            NodeCredentials own = NodeCredentials.load(CERTS.resolve("510100/node.key.pem"), CERTS.resolve("510100/node.crt.pem"));
            ContactLetter opened = ContactLetterXml.read(PayloadCrypto.decrypt(received.bodyContent(), own.privateKey(),
                    own.certificate().getSerialNumber().toString(16), messageId, 1 << 20));
            assertThat(opened.person().idNumber()).isEqualTo(idNumber);
        }
    }
}
