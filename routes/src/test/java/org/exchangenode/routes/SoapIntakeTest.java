package org.exchangenode.routes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import java.nio.charset.StandardCharsets;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The SOAP service: the WSDL, a form per operation through the same intake, faults listing every field, case status. */
@QuarkusTest
class SoapIntakeTest extends PeerTestSupport {
    private static final String SVC = "urn:exchangenode:soap:intake:1";

    private static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:svc=\"" + SVC
                + "\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    /** A form sample without its XML declaration and comment, to sit inside a SOAP request. */
    private static String inner(byte[] form) {
        String xml = new String(form, StandardCharsets.UTF_8);
        int start = Math.max(xml.indexOf("-->"), xml.indexOf("?>"));
        return xml.substring(xml.indexOf('<', Math.max(start, 0)));
    }

    private static io.restassured.response.ValidatableResponse call(String operation, String body) {
        return given().contentType("text/xml; charset=UTF-8").header("SOAPAction", SVC + ":" + operation)
                .body(envelope(body)).post("/soap/intake").then();
    }

    @Test
    void shouldPublishTheWsdlWithAnOperationPerFormAndTheCaseStatus() {
        String wsdl = given().get("/soap/intake?wsdl").then().statusCode(200).extract().asString();
        assertThat(wsdl).contains("SubmitContactLetter", "SubmitInfoForm", "SubmitFundTransferNotice",
                "SubmitCompletionNotice", "SubmitRefusal", "SubmitReminder", "GetCaseStatus");
    }

    @Test
    void shouldOpenACaseFromASoapContactLetterAndReportItsStatus() {
        Element written = ContactLetterXml.write(Samples.letter());
        String letter = inner(SecureXml.toBytes(written.getOwnerDocument()));
        String response = call("SubmitContactLetter", "<svc:SubmitContactLetter>" + letter + "</svc:SubmitContactLetter>")
                .statusCode(200).extract().asString();
        String caseId = XmlPath.from(response).getString("Envelope.Body.SubmitResponse.ConversationId");
        assertThat(caseId).startsWith("320100-");

        await().atMost(WAIT).untilAsserted(() -> {
            String status = call("GetCaseStatus", "<svc:GetCaseStatus><svc:CaseId>" + caseId
                    + "</svc:CaseId></svc:GetCaseStatus>").statusCode(200).extract().asString();
            XmlPath xml = XmlPath.from(status);
            assertThat(xml.getString("Envelope.Body.CaseStatus.State")).isEqualTo("LETTER_SENT");
            assertThat(xml.getString("Envelope.Body.CaseStatus.Step.Name")).isEqualTo("AWAIT_INFO_AND_FUNDS");
            assertThat(xml.getString("Envelope.Body.CaseStatus.Step.DueOn")).isNotBlank();
        });
        call("GetCaseStatus", "<svc:GetCaseStatus><svc:CaseId>NO-SUCH</svc:CaseId></svc:GetCaseStatus>").statusCode(500)
                .body(containsString("CASE_UNKNOWN"));
    }

    @Test
    void shouldAnswerTheTransferOutStepsBySoapAndFaultARefusedFormWithEveryField() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-SOAP", asked);
        String address = "<svc:To>440300</svc:To><svc:ConversationId>" + caseId + "</svc:ConversationId>";

        String wrong = inner(Samples.formFor("info-form.xml", asked)).replace("<inf:Total>52598.90</inf:Total>",
                "<inf:Total>52598.91</inf:Total>");
        String fault = call("SubmitInfoForm", "<svc:SubmitInfoForm>" + address + wrong + "</svc:SubmitInfoForm>")
                .statusCode(500).extract().asString();
        XmlPath faultXml = XmlPath.from(fault);
        assertThat(faultXml.getString("Envelope.Body.Fault.faultcode")).endsWith("Client");
        assertThat(faultXml.getString("Envelope.Body.Fault.detail.IntakeFault.Code")).isEqualTo("FIELD_INVALID");
        assertThat(faultXml.getString("Envelope.Body.Fault.detail.IntakeFault.Violation.Field")).isEqualTo("/InfoForm/Amounts/Total");
        assertThat(faultXml.getString("Envelope.Body.Fault.detail.IntakeFault.Violation.Code")).isEqualTo("SUM_MISMATCH");
        given().get("/api/v1/cases/" + caseId).then().body("state", equalTo("LETTER_RECEIVED"));

        call("SubmitInfoForm", "<svc:SubmitInfoForm>" + address + inner(Samples.formFor("info-form.xml", asked))
                + "</svc:SubmitInfoForm>").statusCode(200).body(containsString(caseId));
        call("SubmitFundTransferNotice", "<svc:SubmitFundTransferNotice>" + address
                + inner(Samples.formFor("fund-transfer-notice.xml", asked)) + "</svc:SubmitFundTransferNotice>")
                .statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then()
                .body("state", equalTo("FUNDS_SENT")));
    }
}
