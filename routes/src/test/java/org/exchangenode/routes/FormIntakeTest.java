package org.exchangenode.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.CertificateChecker;
import org.junit.jupiter.api.Test;

/** The forms after the contact letter, submitted as XML: checked at once, signed, sent; nothing stored if refused. */
@QuarkusTest
class FormIntakeTest extends PeerTestSupport {

    private static int outboundCount(String type) {
        return given().get("/api/v1/messages?direction=OUTBOUND&type=" + type + "&size=500").then().extract()
                .jsonPath().getList("messageId").size();
    }

    @Test
    void shouldSignAndSendAValidInformationFormInTheCaseItAnswers() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = Samples.caseId("440300-CASE-IF");
        shenzhen.send("320100", shenzhen.compose(MessageType.CONTACT_LETTER, "320100", caseId, null,
                ContactLetterXml.write(asked)).bytes());
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("state", equalTo("LETTER_RECEIVED")));

        String id = given().contentType("application/xml").body(Samples.formFor("info-form.xml", asked))
                .post("/api/v1/forms/info-form?to=440300&conversationId=" + caseId).then().statusCode(202)
                .body("to", equalTo("440300")).body("conversationId", equalTo(caseId))
                .extract().path("messageId");

        Envelope form = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);

        assertThat(form.header().type()).isEqualTo(MessageType.INFO_FORM);
        assertThat(CertificateChecker.nodeIdOf(shenzhen.verifier.verify(form, Instant.now()).signer())).isEqualTo("320100");
        assertThat(form.bodyContent().getTextContent()).contains("52598.90");
        given().get("/api/v1/cases/" + caseId).then().body("state", equalTo("INFO_SENT"))
                .body("role", equalTo("TRANSFER_OUT")).body("infoTotal", equalTo(52598.90f));
    }

    @Test
    void shouldListEveryBrokenRuleByElementPathAndStoreNothing() {
        int before = outboundCount("InfoForm");

        given().contentType("application/xml").body(Samples.schemaSample("invalid/info-form-total-wrong.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-2").then().statusCode(422)
                .body("code", equalTo("FIELD_INVALID"))
                .body("violations.field", equalTo(List.of("/InfoForm/Amounts/Total")))
                .body("violations.code", equalTo(List.of("SUM_MISMATCH")));
        given().contentType("application/xml").body(Samples.schemaSample("invalid/info-form-negative-amount.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-2").then().statusCode(422)
                .body("violations.field", hasItems("/InfoForm/Amounts/PooledFund"))
                .body("violations.code", hasItems("SCHEMA"));

        assertThat(outboundCount("InfoForm")).isEqualTo(before);
    }

    @Test
    void shouldNameTheAddresseeTheCaseAndTheBodyWhenTheyAreWrong() {
        given().contentType("application/xml").body(Samples.schemaSample("contact-letter.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/refusal?to=999999&conversationId=-bad").then().statusCode(422)
                .body("violations.field", equalTo(List.of("to", "conversationId", "body")))
                .body("violations.code", equalTo(List.of("UNKNOWN_PEER", "FORMAT", "WRONG_FORM")));
        given().contentType("application/xml").body("<not-closed>")
                .post("/api/v1/forms/refusal?to=440300&conversationId=C-1").then().statusCode(422)
                .body("violations[0].field", equalTo("body")).body("violations[0].code", equalTo("NOT_XML"));
        given().contentType("application/xml").body(Samples.schemaSample("refusal.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/letter?to=440300&conversationId=C-1").then().statusCode(422)
                .body("violations[0].field", equalTo("type"));
    }
}
