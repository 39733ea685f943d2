package org.exchangenode.routes.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterValidator;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FormContext;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/** Forms submitted as XML or JSON: checked at once, signed, sent; nothing stored if refused. */
@QuarkusTest
class FormIntakeTest extends PeerTestSupport {

    private static int outboundCount(String type) {
        return given().get("/api/v1/messages?direction=OUTBOUND&type=" + type + "&size=500").then().extract()
                .jsonPath().getList("messageId").size();
    }

    @Test
    void shouldSignAndSendAValidInformationFormInTheCaseItAnswers() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-IF", asked);

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

        given().contentType("application/xml").body(Samples.text("invalid/info-form-total-wrong.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-2").then().statusCode(422)
                .body("code", equalTo("FIELD_INVALID"))
                .body("violations.field", equalTo(List.of("/InfoForm/Amounts/Total")))
                .body("violations.code", equalTo(List.of("SUM_MISMATCH")));
        given().contentType("application/xml").body(Samples.text("invalid/info-form-negative-amount.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-2").then().statusCode(422)
                .body("violations.field", hasItems("/InfoForm/Amounts/PooledFund"))
                .body("violations.code", hasItems("SCHEMA"));

        assertThat(outboundCount("InfoForm")).isEqualTo(before);
    }

    @Test
    void shouldNameTheAddresseeTheCaseAndTheBodyWhenTheyAreWrong() {
        given().contentType("application/xml").body(Samples.text("contact-letter.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/refusal?to=999999&conversationId=-bad").then().statusCode(422)
                .body("violations.field", equalTo(List.of("to", "conversationId", "body")))
                .body("violations.code", equalTo(List.of("UNKNOWN_PEER", "FORMAT", "WRONG_FORM")));
        given().contentType("application/xml").body("<not-closed>")
                .post("/api/v1/forms/refusal?to=440300&conversationId=C-1").then().statusCode(422)
                .body("violations[0].field", equalTo("body")).body("violations[0].code", equalTo("NOT_XML"));
        given().contentType("application/xml").body(Samples.text("refusal.xml").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/letter?to=440300&conversationId=C-1").then().statusCode(422)
                .body("violations[0].field", equalTo("type"));
    }

    @Test
    void shouldSendAContactLetterPostedAsXmlAsSubmittedAndThePeerShouldVerifyAndAcceptIt() throws Exception {
        byte[] xml = Samples.formFor("contact-letter.xml", Samples.letter());

        String id = given().contentType("application/xml").body(xml).post("/api/v1/forms/contact-letter").then()
                .statusCode(202).body("to", equalTo("440300")).extract().path("messageId");

        Envelope letter = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        assertThat(CertificateChecker.nodeIdOf(shenzhen.verifier.verify(letter, Instant.now()).signer())).isEqualTo("320100");
        ContactLetter received = ContactLetterXml.read(letter.bodyContent());
        assertThat(received).isEqualTo(ContactLetterXml.read(SecureXml.parse(xml, 1 << 20).getDocumentElement()));
        assertThat(ContactLetterValidator.validateInbound(received, "320100", new FormContext("440300", Set.of("320100"),
                LocalDate.now(ZoneId.of("Asia/Shanghai"))))).isEmpty();
    }

    private static final JsonForms JSON_FORMS = new JsonForms();

    /** A form sample of the schemas module for this letter's person, as the JSON the intake takes. */
    private static ObjectNode jsonFor(String sample, ContactLetter letter) {
        byte[] xml = Samples.formFor(sample, letter);
        return JSON_FORMS.toJson(SecureXml.parse(xml, 1 << 20).getDocumentElement());
    }

    @Test
    void shouldTakeEveryFormAsJsonOfItsXsdShapeAndRunTheCaseOnIt() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-JSON", asked);
        String query = "?to=440300&conversationId=" + caseId;

        String id = given().contentType(ContentType.JSON).body(jsonFor("info-form.xml", asked).toString())
                .post("/api/v1/forms/info-form" + query).then().statusCode(202).extract().path("messageId");
        given().contentType(ContentType.JSON).body(jsonFor("fund-transfer-notice.xml", asked).toString())
                .post("/api/v1/forms/fund-transfer-notice" + query).then().statusCode(202);

        Envelope form = shenzhen.receive(e -> id.equals(e.header().messageId()), WAIT);
        assertThat(new XsdValidator().validate(form.bodyContent().getOwnerDocument())).isEmpty();
        assertThat(form.bodyContent().getElementsByTagNameNS("*", "Row").getLength()).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then()
                .body("state", equalTo("FUNDS_SENT")).body("infoTotal", equalTo(52598.90f)));
    }

    @Test
    void shouldOpenACaseWithAContactLetterPostedAsJsonOrXmlOnTheFormsPath() {
        String json = Samples.letterJson();
        given().contentType(ContentType.JSON).body(json).post("/api/v1/forms/contact-letter").then().statusCode(202)
                .body("to", equalTo("440300")).body("conversationId", org.hamcrest.Matchers.startsWith("320100-"));
        given().contentType("application/xml").body(Samples.text("contact-letter.xml")
                        .replace("510104198805121377", SamplePersons.next().idNumber()))
                .post("/api/v1/forms/contact-letter?conversationId=MINE").then().statusCode(422)
                .body("violations[0].field", equalTo("conversationId"));
    }

    @Test
    void shouldNameEveryProblemOfAJsonFormByJsonPath() {
        int before = outboundCount("InfoForm");
        ObjectNode json = jsonFor("info-form.xml", Samples.letterFrom440300());
        json.put("formNo", "IF-1");
        ((ObjectNode) json.get("amounts")).put("total", new java.math.BigDecimal("52598.91"));
        ((ObjectNode) json.at("/yearlyRows/1")).put("toMonth", 13);

        given().contentType(ContentType.JSON).body(json.toString())
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-3").then().statusCode(422)
                .body("violations.field", hasItems("formNo", "yearlyRows[1].toMonth"))
                .body("violations.code", hasItems("UNKNOWN_FIELD", "SCHEMA"));
        ((ObjectNode) json.at("/yearlyRows/1")).put("toMonth", 6);
        json.remove("formNo");
        given().contentType(ContentType.JSON).body(json.toString())
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-3").then().statusCode(422)
                .body("violations.field", equalTo(List.of("amounts.total")))
                .body("violations.code", equalTo(List.of("SUM_MISMATCH")));
        given().contentType(ContentType.JSON).body("{\"formNumber\": ")
                .post("/api/v1/forms/info-form?to=440300&conversationId=440300-CASE-IF-3").then().statusCode(422)
                .body("violations.code", equalTo(List.of("NOT_JSON")));

        assertThat(outboundCount("InfoForm")).isEqualTo(before);
    }

    @Test
    void shouldPublishTheJsonShapeOfEveryFormInTheOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.InfoFormForm.properties.yearlyRows.type", equalTo("array"))
                .body("components.schemas.InfoFormForm.properties.amounts.properties.total.type", hasItems("number"))
                .body("components.schemas.ContactLetterForm.required", hasItems("letterNumber", "person"))
                .body("components.schemas.RefusalForm.properties", org.hamcrest.Matchers.notNullValue());
    }
}
