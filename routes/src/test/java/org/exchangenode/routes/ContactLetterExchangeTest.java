package org.exchangenode.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.routes.ApiUserForTests.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Node 320100 (under test) against a peer 440300 played with node-core, through the node's real embedded broker,
 * real H2 database and real signatures.
 */
@QuarkusTest
class ContactLetterExchangeTest extends PeerTestSupport {


    private String submitSample() {
        return given().contentType(ContentType.JSON).body(Samples.letterJson())
                .when().post("/api/v1/contact-letters")
                .then().statusCode(202).body("status", equalTo("STORED")).body("to", equalTo("440300"))
                .extract().path("messageId");
    }

    @Test
    void shouldBecomeDeliveredWhenThePeerReceiptsTheSignedLetter() throws Exception {
        String id = submitSample();

        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        var verified = shenzhen.verifier.verify(letter, Instant.now());
        assertThat(CertificateChecker.nodeIdOf(verified.signer())).isEqualTo("320100");
        given().get("/api/v1/messages/" + id).then().body("status", equalTo("SENT"));

        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", letter.header().conversationId(), id,
                TransportMessages.receipt(letter, Instant.now()));
        shenzhen.send("320100", receipt.bytes());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED"))
                .body("receiptMessageId", equalTo(receipt.header().messageId())));
        // the Receipt itself is stored as received and, being a Receipt, is not receipted
        given().get("/api/v1/messages/" + receipt.header().messageId()).then().statusCode(200)
                .body("direction", equalTo("INBOUND")).body("type", equalTo("Receipt"))
                .body("refToMessageId", equalTo(id)).body("receiptsSent", equalTo(0));
    }

    @Test
    void shouldStayUndeliveredAndQuarantineWhenTheReceiptDigestDoesNotMatch() throws Exception {
        String id = submitSample();
        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        var body = TransportMessages.receipt(letter, Instant.now());
        body.getElementsByTagNameNS("urn:exchangenode:transport:1", "DigestValue").item(0)
                .setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        SignedMessage receipt = shenzhen.compose(MessageType.RECEIPT, "320100", letter.header().conversationId(), id, body);
        shenzhen.send("320100", receipt.bytes());

        await().atMost(WAIT).untilAsserted(() -> asOperator()
                .get("/api/v1/quarantine?messageId=" + receipt.header().messageId())
                .then().body("errorCode", hasItem(ErrorCode.RECEIPT_MISMATCH.name())));
        given().get("/api/v1/messages/" + id).then().body("status", equalTo("SENT"));
    }

    @Test
    void shouldStoreOnceAndReceiptTwiceWhenTheSameLetterArrivesTwice() throws Exception {
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-DUP"), null,
                ContactLetterXml.write(Samples.letterFrom440300()));
        String id = letter.header().messageId();

        shenzhen.send("320100", letter.bytes());
        Envelope first = shenzhen.receive(TestPeer.answering(MessageType.RECEIPT, id), WAIT);
        shenzhen.send("320100", letter.bytes());
        Envelope second = shenzhen.receive(TestPeer.answering(MessageType.RECEIPT, id), WAIT);

        assertThat(second.header().messageId()).isNotEqualTo(first.header().messageId());
        assertThat(TransportMessages.readReceipt(second.bodyContent()).digestValue()).isEqualTo(letter.contentDigest());
        given().get("/api/v1/messages/" + id).then().statusCode(200)
                .body("direction", equalTo("INBOUND")).body("status", equalTo("RECEIVED"))
                .body("deliveries", equalTo(2)).body("receiptsSent", equalTo(2));
        given().get("/api/v1/messages/" + id + "/content").then().statusCode(200)
                .body(equalTo(new String(letter.bytes(), StandardCharsets.UTF_8)));
    }

    @Test
    void shouldQuarantineWithoutAnErrorWhenTheBodyWasTampered() throws Exception {
        SignedMessage letter = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-TAMPER"), null,
                ContactLetterXml.write(Samples.letterFrom440300()));
        String id = letter.header().messageId();
        byte[] tampered = new String(letter.bytes(), StandardCharsets.UTF_8)
                .replace("4301010509001234567", "6222020000000000000").getBytes(StandardCharsets.UTF_8);

        shenzhen.send("320100", tampered);

        // a signature that does not verify proves nothing about the sender: no Error is signed for it
        await().atMost(WAIT).untilAsserted(() -> asOperator().get("/api/v1/quarantine?messageId=" + id).then()
                .body("errorCode", hasItem("SIGNATURE_INVALID"))
                .body("[0].errorMessageId", nullValue())
                .body("[0].unanswered", containsString("signature was not verified")));
        given().get("/api/v1/messages?type=Error&conversationId=" + letter.header().conversationId()).then()
                .body("size()", equalTo(0));
        given().get("/api/v1/messages/" + id).then().statusCode(404);
    }

    @Test
    void shouldMarkTheLetterRejectedWhenThePeerAnswersWithAnError() throws Exception {
        String id = submitSample();
        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);

        SignedMessage error = shenzhen.compose(MessageType.ERROR, "320100", letter.header().conversationId(), id,
                TransportMessages.error(id, ErrorCode.FIELD_INVALID, "person.idNumber ID_CHECK_CHARACTER"));
        shenzhen.send("320100", error.bytes());

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("REJECTED"))
                .body("error.code", equalTo("FIELD_INVALID")));
    }

    @Test
    void shouldKeepButNotAnswerADocumentWhenItIsNotEvenXml() throws Exception {
        String garbage = "<not-closed>garbage-" + System.nanoTime();
        shenzhen.send("320100", garbage.getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> records = asOperator().get("/api/v1/quarantine?size=500").then().extract()
                    .jsonPath().getList("findAll { it.errorCode == 'MALFORMED_XML' }");
            assertThat(records).anySatisfy(record -> {
                assertThat(asOperator().get("/api/v1/quarantine/" + record.get("quarantineId") + "/content?reason=test")
                        .asString())
                        .isEqualTo(garbage);
                assertThat(record.get("errorMessageId")).isNull();
            });
        });
    }
}
