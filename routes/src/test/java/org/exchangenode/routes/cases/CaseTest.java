package org.exchangenode.routes.cases;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.Masking;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Cases on both sides against the peer 440300: the transfer-in flow to completion, the transfer-out flow, refused
 * transitions (answered with a signed Error, or refused at intake) that change nothing, and the amount check.
 */
@QuarkusTest
public class CaseTest extends PeerTestSupport {

    /** 320100 submits a letter for a new person: returns the letter's JSON person id and the case id. */
    private String[] openTransferIn() {
        String json = Samples.letterJson();
        String caseId = given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("conversationId");
        return new String[] {JsonPath.from(json).getString("person.idNumber"), caseId};
    }

    private static Element form(String sample, String idNumber) {
        String xml = Samples.text(sample).replace("510104198805121377", idNumber);
        return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement();
    }

    private void peerSends(MessageType type, String caseId, Element body) throws Exception {
        SignedMessage message = shenzhen.compose(type, "320100", caseId, null, body);
        shenzhen.send("320100", message.bytes());
    }

    private void awaitState(String caseId, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("state", equalTo(state)));
    }

    @Test
    void shouldCompleteATransferInCaseWhenFormAndFundsArrivedInEitherOrder() throws Exception {
        String[] opened = openTransferIn();
        String idNumber = opened[0];
        String caseId = opened[1];
        awaitState(caseId, "LETTER_SENT");

        peerSends(MessageType.FUND_TRANSFER_NOTICE, caseId, form("fund-transfer-notice.xml", idNumber));
        awaitState(caseId, "FUNDS_RECEIVED");
        peerSends(MessageType.INFO_FORM, caseId, infoForm(idNumber));
        awaitState(caseId, "AWAITING_COMPLETION");
        given().get("/api/v1/cases/" + caseId).then().body("amountMismatch", equalTo(false))
                .body("personIdNumber", equalTo(Masking.idNumber(idNumber)));

        given().contentType("application/xml").body(Samples.text("completion-notice.xml")
                        .replace("510104198805121377", idNumber).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(202);

        awaitState(caseId, "COMPLETED");
        List<String> timeline = given().get("/api/v1/cases/" + caseId).then().extract().jsonPath()
                .getList("timeline.type");
        assertThat(timeline).containsExactly("ContactLetter", "FundTransferNotice", "InfoForm", "CompletionNotice");
        given().get("/api/v1/cases?state=COMPLETED&peer=440300&role=TRANSFER_IN&size=500").then()
                .body("caseId", hasItem(caseId));
    }

    /** The info form sample for a person: sex and birth date follow the ID number. */
    public static Element infoForm(String idNumber) {
        String sex = (idNumber.charAt(16) - '0') % 2 == 1 ? "1" : "2";
        String born = idNumber.substring(6, 10) + "-" + idNumber.substring(10, 12) + "-" + idNumber.substring(12, 14);
        String xml = Samples.text("info-form.xml").replace("510104198805121377", idNumber)
                .replace("<c:Sex>1</c:Sex>", "<c:Sex>" + sex + "</c:Sex>")
                .replace("<c:BirthDate>1988-05-12</c:BirthDate>", "<c:BirthDate>" + born + "</c:BirthDate>");
        return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement();
    }

    @Test
    void shouldRefuseACompletionNoticeBeforeTheInformationFormAndStoreNothing() {
        String[] opened = openTransferIn();

        given().contentType("application/xml").body(Samples.text("completion-notice.xml")
                        .replace("510104198805121377", opened[0]).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + opened[1]).then().statusCode(422)
                .body("code", equalTo("TRANSITION_NOT_ALLOWED"))
                .body("message", equalTo("a CompletionNotice sent by the transfer-in side may not follow LETTER_SENT "
                        + "(the information form and the fund notice must both have arrived)"));

        given().get("/api/v1/cases/" + opened[1]).then().body("state", equalTo("LETTER_SENT"))
                .body("timeline.size()", equalTo(1));
    }

    @Test
    void shouldAnswerAnInformationFormForAnUnknownCaseWithASignedError() throws Exception {
        String caseId = Samples.caseId("NO-SUCH-CASE");
        SignedMessage form = shenzhen.compose(MessageType.INFO_FORM, "320100", caseId, null,
                infoForm(Samples.letter().person().idNumber()));
        shenzhen.send("320100", form.bytes());

        Envelope error = shenzhen.receive(TestPeer.answering(MessageType.ERROR, form.header().messageId()), WAIT);
        ErrorContent content = TransportMessages.readError(error.bodyContent());
        assertThat(content.code()).isEqualTo("CASE_UNKNOWN");
        given().get("/api/v1/messages/" + form.header().messageId()).then().statusCode(404);
        given().get("/api/v1/cases/" + caseId).then().statusCode(404);
    }

    @Test
    void shouldRefuseASecondContactLetterForAnOpenCaseOfTheSamePersonAndPeer() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        String first = Samples.caseId("440300-CASE-A");
        peerSends(MessageType.CONTACT_LETTER, first, ContactLetterXml.write(letter));
        awaitState(first, "LETTER_RECEIVED");

        SignedMessage second = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-CASE-B"),
                null, ContactLetterXml.write(letter));
        shenzhen.send("320100", second.bytes());

        Envelope error = shenzhen.receive(TestPeer.answering(MessageType.ERROR, second.header().messageId()), WAIT);
        assertThat(TransportMessages.readError(error.bodyContent()).code()).isEqualTo("CASE_ALREADY_OPEN");
        assertThat(TransportMessages.readError(error.bodyContent()).reason()).doesNotContain(letter.person().idNumber());
    }

    @Test
    void shouldRunATransferOutCaseAndRefuseTheFundsBeforeTheForm() throws Exception {
        ContactLetter letter = Samples.letterFrom440300();
        String caseId = Samples.caseId("440300-CASE-OUT");
        peerSends(MessageType.CONTACT_LETTER, caseId, ContactLetterXml.write(letter));
        awaitState(caseId, "LETTER_RECEIVED");
        String query = "?to=440300&conversationId=" + caseId;

        given().contentType("application/xml").body(Samples.formFor("fund-transfer-notice.xml", letter))
                .post("/api/v1/forms/fund-transfer-notice" + query).then().statusCode(422)
                .body("message", org.hamcrest.Matchers.endsWith("(send the information form first)"));
        given().contentType("application/xml").body(Samples.formFor("info-form.xml", letter))
                .post("/api/v1/forms/info-form" + query).then().statusCode(202);
        given().contentType("application/xml").body(Samples.formFor("fund-transfer-notice.xml", letter))
                .post("/api/v1/forms/fund-transfer-notice" + query).then().statusCode(202);
        awaitState(caseId, "FUNDS_SENT");

        peerSends(MessageType.COMPLETION_NOTICE, caseId, form("completion-notice.xml", letter.person().idNumber()));
        awaitState(caseId, "COMPLETED");
    }

    @Test
    void shouldFlagFundsThatDifferFromTheFormAndOnlyLetARefusalCloseTheCase() throws Exception {
        String[] opened = openTransferIn();
        String idNumber = opened[0];
        String caseId = opened[1];
        peerSends(MessageType.INFO_FORM, caseId, infoForm(idNumber));
        Element funds = form("fund-transfer-notice.xml", idNumber);
        Element amount = (Element) funds.getElementsByTagNameNS("*", "Amount").item(0);
        amount.setTextContent("52500.00");
        funds.removeChild(funds.getElementsByTagNameNS("*", "IndividualAccountAmount").item(0));
        funds.removeChild(funds.getElementsByTagNameNS("*", "PooledFundAmount").item(0));
        peerSends(MessageType.FUND_TRANSFER_NOTICE, caseId, funds);
        awaitState(caseId, "AWAITING_COMPLETION");
        given().get("/api/v1/cases/" + caseId).then().body("amountMismatch", equalTo(true));

        given().contentType("application/xml").body(Samples.text("completion-notice.xml")
                        .replace("510104198805121377", idNumber).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(422)
                .body("message", org.hamcrest.Matchers.containsString("send a Refusal with reason 08"));
        given().contentType("application/xml").body(Samples.text("refusal.xml")
                        .replace("510104198805121377", idNumber).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/refusal?to=440300&conversationId=" + caseId).then().statusCode(202);

        awaitState(caseId, "REFUSED");
    }

    private static io.restassured.specification.RequestSpecification operator() {
        return given().auth().preemptive().basic("operator-test", "operator-test-password");
    }

    @Test
    void shouldLetAnOperatorResolveAnAmountMismatchWithAReasonSoThatTheCaseCanComplete() throws Exception {
        String[] opened = openTransferIn();
        String idNumber = opened[0];
        String caseId = opened[1];
        peerSends(MessageType.INFO_FORM, caseId, infoForm(idNumber));
        Element funds = form("fund-transfer-notice.xml", idNumber);
        funds.getElementsByTagNameNS("*", "Amount").item(0).setTextContent("52500.00");
        funds.removeChild(funds.getElementsByTagNameNS("*", "IndividualAccountAmount").item(0));
        funds.removeChild(funds.getElementsByTagNameNS("*", "PooledFundAmount").item(0));
        peerSends(MessageType.FUND_TRANSFER_NOTICE, caseId, funds);
        awaitState(caseId, "AWAITING_COMPLETION");
        String resolve = "/api/v1/operations/cases/" + caseId + "/resolve-amount-mismatch";

        given().auth().preemptive().basic("clerk-test", "clerk-test-password").contentType(ContentType.JSON)
                .body("{\"reason\": \"x\"}").post(resolve).then().statusCode(403);
        operator().contentType(ContentType.JSON).body("{}").post(resolve).then().statusCode(422)
                .body("violations[0].field", equalTo("reason"));
        operator().contentType(ContentType.JSON).body("{\"reason\": \"98.90 settled by supplementary voucher 2026-118\"}")
                .post(resolve).then().statusCode(200).body("amountMismatch", equalTo(false));
        operator().contentType(ContentType.JSON).body("{\"reason\": \"again\"}").post(resolve).then().statusCode(422)
                .body("code", equalTo("TRANSITION_NOT_ALLOWED"));

        given().contentType("application/xml").body(Samples.text("completion-notice.xml")
                        .replace("510104198805121377", idNumber).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(202);
        awaitState(caseId, "COMPLETED");
    }

    @Test
    void shouldReportMonthsPaidTwiceAgainstTheLocalRecords() throws Exception {
        String[] opened = openTransferIn();
        String caseId = opened[1];
        given().get("/api/v1/cases/" + caseId + "/overlaps").then().statusCode(200)
                .body("infoFormPresent", equalTo(false));
        peerSends(MessageType.INFO_FORM, caseId, infoForm(opened[0]));
        awaitState(caseId, "INFO_RECEIVED");

        given().contentType(ContentType.JSON).body("{\"records\": [{\"divisionCode\": \"320100\", \"year\": 2025, "
                        + "\"fromMonth\": 5, \"toMonth\": 9}, {\"divisionCode\": \"320100\", \"year\": 2025, "
                        + "\"fromMonth\": 10, \"toMonth\": 12}]}")
                .put("/api/v1/cases/" + caseId + "/local-records").then().statusCode(200)
                .body("infoFormPresent", equalTo(true)).body("localRecords", equalTo(2))
                .body("overlaps.size()", equalTo(1)).body("overlaps[0].year", equalTo(2025))
                .body("overlaps[0].months", equalTo(List.of(5, 6)))
                .body("overlaps[0].first.source", equalTo("INFO_FORM row 2"))
                .body("overlaps[0].second.source", equalTo("LOCAL record 1"));

        given().contentType(ContentType.JSON).body("{\"records\": [{\"divisionCode\": \"32010\", \"year\": 2025, "
                        + "\"fromMonth\": 9, \"toMonth\": 5}]}")
                .put("/api/v1/cases/" + caseId + "/local-records").then().statusCode(422)
                .body("violations.field", equalTo(List.of("records[0].divisionCode", "records[0].toMonth")));
    }
}
