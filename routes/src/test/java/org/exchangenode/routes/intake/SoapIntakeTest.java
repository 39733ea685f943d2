package org.exchangenode.routes.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.xml.XmlPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.samples.Samples;
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

    /** A contact letter for a fresh person, wrapped as the SubmitContactLetter request. */
    private static String letterRequest() {
        String letter = inner(SecureXml.toBytes(ContactLetterXml.write(Samples.letter()).getOwnerDocument()));
        return envelope("<svc:SubmitContactLetter>" + letter + "</svc:SubmitContactLetter>");
    }

    /**
     * A POST with exactly this Content-Type (or none), as a browser's form or fetch sends it, with the clerk's
     * credentials (a browser sends the ones it holds for the site along).
     */
    private static HttpResponse<String> post(String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + "/soap/intake")).header("Authorization", ApiUserForTests.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseWith415ASignedLetterSentAsABrowserSimpleRequest() throws Exception {
        // text/plain, form-encoded and multipart are what a web page can POST cross-site without a preflight
        for (String type : new String[] {"text/plain; charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x"}) {
            HttpResponse<String> refused = post(type, letterRequest());
            assertThat(refused.statusCode()).as(type).isEqualTo(415);
            assertThat(refused.body()).contains("UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(post(null, letterRequest()).statusCode()).as("no Content-Type").isEqualTo(415);
        // SOAP 1.2's content type gets past the guard (the service then answers as SOAP does, not with 415)
        given().contentType("application/soap+xml; charset=UTF-8").body(letterRequest()).post("/soap/intake").then()
                .statusCode(org.hamcrest.Matchers.not(415));
        given().contentType("text/xml; charset=UTF-8").body(letterRequest()).post("/soap/intake").then().statusCode(200)
                .body(containsString("STORED"));
    }

    @Test
    void shouldRefuseARequestFromAWebPageOfAnotherOrigin() {
        given().contentType("text/xml; charset=UTF-8").header("Origin", "http://intranet.example")
                .body(letterRequest()).post("/soap/intake").then().statusCode(403)
                .body(containsString("ORIGIN_NOT_ALLOWED"));
        given().contentType("text/xml; charset=UTF-8").header("Origin", "null")
                .body(letterRequest()).post("/soap/intake").then().statusCode(403);
    }

    @Test
    void shouldAnswerAMultiMegabyteBadRequestWithASmallFault() {
        String huge = "x".repeat(5 * 1024 * 1024);
        String third = huge.substring(0, huge.length() / 3);
        String[] bad = {
                envelope("<svc:" + huge + "/>"),                                                   // an operation
                envelope("<svc:GetCaseStatus><svc:CaseId>" + huge + "</svc:CaseId></svc:GetCaseStatus>"),
                envelope("<" + huge + ":SubmitContactLetter/>"),                                  // not well-formed
                envelope("<svc:SubmitInfoForm><svc:To>" + third + "</svc:To><svc:ConversationId>" + third
                        + "</svc:ConversationId><inf:InfoForm xmlns:inf=\"urn:exchangenode:form:info-form:1\"><inf:"
                        + third + "/></inf:InfoForm></svc:SubmitInfoForm>")};
        for (String request : bad) {
            String kind = request == bad[2] ? "MALFORMED_XML" : "";   // CXF's own parser fault, its text replaced
            byte[] fault = given().contentType("text/xml; charset=UTF-8").body(request).post("/soap/intake").then()
                    .statusCode(500).extract().asByteArray();
            assertThat(fault.length).as("fault size").isLessThan(4096);
            assertThat(new String(fault, StandardCharsets.UTF_8)).contains("Fault", kind).doesNotContain("xxxxxxxx");
        }
    }
}
