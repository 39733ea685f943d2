package org.exchangenode.routes.deadlines;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.ApiUserForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.TestClock;
import org.exchangenode.routes.cases.CaseTest;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Deadlines on the shipped 2025–2026 calendar, on chosen days: due dates when a case opens and moves, the sweep's
 * DUE_SOON and OVERDUE, Reminders to the peer for steps waiting on it, the metrics, and a limit that runs past the
 * last loaded year (no due date, health DOWN with the file to add, filled in once the year is added).
 */
@QuarkusTest
class DeadlineTest extends PeerTestSupport {
    private static final Path CALENDAR_DIR = Path.of("target/test-calendar");
    @Inject
    TestClock clock;
    @Inject
    DeadlineSweep sweep;
    @Inject
    Calendars calendars;
    @Inject
    AuditLog audit;
    @Inject
    Reminders reminders;
    @Inject
    StepStore steps;

    @AfterEach
    void backToToday() throws Exception {
        clock.reset();
        Files.deleteIfExists(CALENDAR_DIR.resolve("2027.properties"));
        calendars.reload();
    }

    private static JsonPath caseJson(String caseId) {
        return given().get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> step(String caseId, String step) {
        return caseJson(caseId).getMap("steps.find { it.step == '" + step + "' }");
    }

    private void awaitState(String caseId, String state) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("state", equalTo(state)));
    }

    private void peerSends(MessageType type, String caseId, Element body) throws Exception {
        SignedMessage message = shenzhen.compose(type, "320100", caseId, null, body);
        shenzhen.send("320100", message.bytes());
    }

    @Test
    void shouldDateATransferOutCaseFromTheDayTheLetterArrivedAndMarkItDueSoonThenOverdue() throws Exception {
        clock.standOn(LocalDate.of(2026, 2, 13));
        ContactLetter letter = Samples.letterFrom440300();
        String caseId = Samples.caseId("440300-DUE");
        peerSends(MessageType.CONTACT_LETTER, caseId, ContactLetterXml.write(letter));
        awaitState(caseId, "LETTER_RECEIVED");

        // DOMAIN.md: received 2026-02-13, 15 working days → end of 2026-03-12 (the Spring Festival is not counted)
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("dueOn", "2026-03-12").containsEntry("limitDays", 15)
                .containsEntry("status", "OPEN").containsEntry("owner", "THIS_NODE").containsEntry("alert", "NONE");
        // 10 working days for the back-payment notice: 02-14 and 02-28 are make-up Saturdays
        assertThat(step(caseId, "LUMP_SUM_NOTICE")).containsEntry("dueOn", "2026-03-05").containsEntry("limitDays", 10);

        clock.standOn(LocalDate.of(2026, 3, 9));
        DeadlineSweep.Result result = sweep.sweep();
        assertThat(result.swept()).isTrue();
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("alert", "DUE_SOON").containsEntry("workingDaysLeft", 3);
        assertThat(step(caseId, "LUMP_SUM_NOTICE")).containsEntry("alert", "OVERDUE").containsEntry("workingDaysLeft", -2);
        given().get("/api/v1/cases?overdue=true&peer=440300&size=500").then().body("caseId", hasItem(caseId));
        given().get("/api/v1/cases?dueSoon=true&peer=440300&size=500").then().body("caseId", hasItem(caseId));
        given().get("/q/metrics").then()
                .body(containsString("exn_case_steps_overdue{node=\"320100\",peer=\"440300\"}"))
                .body(containsString("exn_cases{node=\"320100\",role=\"TRANSFER_OUT\",state=\"LETTER_RECEIVED\"}"));

        // the notice to the person is reported by the local system, with a reason, by a user the audit log names;
        // the step keeps its alert as history
        String notice = "/api/v1/cases/" + caseId + "/lump-sum-notice";
        given().auth().none().contentType(ContentType.JSON).body(Map.of("reason", "notice 2026-17"))
                .post(notice).then().statusCode(401);
        given().auth().preemptive().basic("operator-test", "operator-test-password").contentType(ContentType.JSON)
                .body(Map.of("reason", "notice 2026-17")).post(notice).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post(notice).then().statusCode(422)
                .body("violations[0].field", equalTo("reason")).body("violations[0].code", equalTo("REQUIRED"));
        assertThat(step(caseId, "LUMP_SUM_NOTICE")).containsEntry("status", "OPEN");
        long head = audit.head().sequence();
        given().contentType(ContentType.JSON).body(Map.of("reason", "notice 2026-17 handed over"))
                .post(notice).then().statusCode(200);
        assertThat(step(caseId, "LUMP_SUM_NOTICE")).containsEntry("status", "MET").containsEntry("alert", "OVERDUE");
        assertThat(audit.entries(head + 1, head + 100, 100)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.OPERATOR_ACTION);
            assertThat(e.actor()).isEqualTo(ApiUserForTests.USER);
            assertThat(e.detail()).isEqualTo("case " + caseId + ": step LUMP_SUM_NOTICE met (the written back-payment "
                    + "notice given): notice 2026-17 handed over");
        });
        head = audit.head().sequence();
        given().contentType(ContentType.JSON).body(Map.of("reason", "again")).post(notice).then().statusCode(422)
                .body("code", equalTo("TRANSITION_NOT_ALLOWED"));
        assertThat(audit.entries(head + 1, head + 100, 100)).as("no entry for a step not met")
                .noneMatch(e -> e.detail() != null && e.detail().startsWith("case " + caseId + ": step LUMP_SUM_NOTICE"));

        clock.standOn(LocalDate.of(2026, 3, 13));
        sweep.sweep();
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("alert", "OVERDUE");

        // late, but answered: the step is met (its overdue mark stays) and the wait for completion starts
        clock.standOn(LocalDate.of(2026, 3, 16));
        String query = "?to=440300&conversationId=" + caseId;
        given().contentType("application/xml").body(Samples.formFor("info-form.xml", letter))
                .post("/api/v1/forms/info-form" + query).then().statusCode(202);
        given().contentType("application/xml").body(Samples.formFor("fund-transfer-notice.xml", letter))
                .post("/api/v1/forms/fund-transfer-notice" + query).then().statusCode(202);
        awaitState(caseId, "FUNDS_SENT");
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("status", "MET").containsEntry("alert", "OVERDUE");
        assertThat(step(caseId, "AWAIT_COMPLETION")).containsEntry("owner", "PEER").containsEntry("dueOn", "2026-04-07")
                .containsEntry("status", "OPEN");
        given().get("/api/v1/cases/" + caseId + "/progress").then().statusCode(200)
                .body("state", equalTo("FUNDS_SENT")).body("steps.size()", equalTo(3))
                .body(not(containsString(letter.person().idNumber())));
    }

    @Test
    void shouldRemindThePeerOnceWhenItsStepIsDueSoonAndAgainWhenOverdue() throws Exception {
        clock.standOn(LocalDate.of(2026, 2, 13));
        String json = Samples.letterJson();
        String caseId = given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("conversationId");
        awaitState(caseId, "LETTER_SENT");
        assertThat(step(caseId, "AWAIT_INFO_AND_FUNDS")).containsEntry("dueOn", "2026-03-12").containsEntry("owner", "PEER");

        clock.standOn(LocalDate.of(2026, 3, 10));
        sweep.sweep();
        Envelope first = shenzhen.receive(e -> e.header().type() == MessageType.REMINDER
                && caseId.equals(e.header().conversationId()), WAIT);
        shenzhen.verifier.verify(first, java.time.Instant.now());   // signed by 320100, and intact
        Element reminder = first.bodyContent();
        assertThat(text(reminder, "Step")).isEqualTo("InfoForm");
        assertThat(text(reminder, "DueDate")).isEqualTo("2026-03-12");
        assertThat(text(reminder, "Overdue")).isEqualTo("false");
        assertThat(text(reminder, "ReminderDate")).isEqualTo("2026-03-10");
        assertThat(text(reminder, "ContactLetterNumber")).isEqualTo(JsonPath.from(json).getString("letterNumber"));

        // the sweep goes over every open step of the node: what this case got is read from this case's own timeline
        assertThat(sweep.sweep().swept()).isTrue();
        assertThat(caseJson(caseId).getList("timeline.type")).as("a second sweep on the same alert")
                .containsExactly("ContactLetter", "Reminder");

        clock.standOn(LocalDate.of(2026, 3, 13));
        assertThat(sweep.sweep().swept()).isTrue();
        Envelope second = shenzhen.receive(e -> e.header().type() == MessageType.REMINDER
                && caseId.equals(e.header().conversationId()), WAIT);
        assertThat(text(second.bodyContent(), "Overdue")).isEqualTo("true");
        assertThat(caseJson(caseId).getList("timeline.type")).containsExactly("ContactLetter", "Reminder", "Reminder");
        assertThat(caseJson(caseId).getString("state")).isEqualTo("LETTER_SENT");
    }

    /**
     * Two instances' sweeps that overlap (the first stalled past its lease, the second took it) both find the step
     * not yet reminded at DUE_SOON and both send: the Reminder's write records its step and level once, so the second
     * stores and queues nothing.
     */
    @Test
    void shouldSendOneReminderPerStepAndLevelWhenTwoSweepsSendAtOnce() throws Exception {
        clock.standOn(LocalDate.of(2026, 2, 13));
        String caseId = given().contentType(ContentType.JSON).body(Samples.letterJson()).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().path("conversationId");
        awaitState(caseId, "LETTER_SENT");
        StepStore.OpenStep open = openStep(caseId, CaseStep.AWAIT_INFO_AND_FUNDS);
        LocalDate due = open.step().dueOn();
        LocalDate today = LocalDate.of(2026, 3, 10);

        assertThat(reminders.send(open, due, Alert.DUE_SOON, today)).as("the first sweep's Reminder").isTrue();
        assertThat(reminders.send(open, due, Alert.DUE_SOON, today)).as("the overlapping sweep's").isFalse();
        assertThat(steps.reminded(caseId, CaseStep.AWAIT_INFO_AND_FUNDS, Alert.DUE_SOON)).isTrue();
        assertThat(caseJson(caseId).getList("timeline.type")).containsExactly("ContactLetter", "Reminder");
        // the next level is a Reminder of its own
        assertThat(reminders.send(open, due, Alert.OVERDUE, LocalDate.of(2026, 3, 13))).isTrue();
        assertThat(caseJson(caseId).getList("timeline.type")).containsExactly("ContactLetter", "Reminder", "Reminder");
    }

    private StepStore.OpenStep openStep(String caseId, CaseStep step) {
        String afterCase = "";
        String afterStep = "";
        for (var page = steps.open(afterCase, afterStep, 500); !page.isEmpty();
             page = steps.open(afterCase, afterStep, 500)) {
            for (StepStore.OpenStep open : page) {
                if (open.step().caseId().equals(caseId) && open.step().step() == step) {
                    return open;
                }
            }
            afterCase = page.get(page.size() - 1).step().caseId();
            afterStep = page.get(page.size() - 1).step().step().name();
        }
        throw new AssertionError("no open step " + step + " of case " + caseId);
    }

    @Test
    void shouldStartStepFourWhenFormAndFundsHaveBothArrived() throws Exception {
        clock.standOn(LocalDate.of(2026, 9, 21));
        String json = Samples.letterJson();
        String idNumber = JsonPath.from(json).getString("person.idNumber");
        String caseId = given().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("conversationId");
        awaitState(caseId, "LETTER_SENT");

        peerSends(MessageType.INFO_FORM, caseId, CaseTest.infoForm(idNumber));
        awaitState(caseId, "INFO_RECEIVED");
        assertThat(caseJson(caseId).getList("steps.step")).containsExactly("AWAIT_INFO_AND_FUNDS");

        clock.standOn(LocalDate.of(2026, 9, 30));
        peerSends(MessageType.FUND_TRANSFER_NOTICE, caseId, form("fund-transfer-notice.xml", idNumber));
        awaitState(caseId, "AWAITING_COMPLETION");
        assertThat(step(caseId, "AWAIT_INFO_AND_FUNDS")).containsEntry("status", "MET");
        // from 2026-09-30, 15 working days across National Day (10-01..10-07 off, 10-10 a make-up Saturday)
        assertThat(step(caseId, "COMPLETE")).containsEntry("dueOn", "2026-10-27").containsEntry("owner", "THIS_NODE");

        peerSends(MessageType.REFUSAL, caseId, form("refusal.xml", idNumber));
        awaitState(caseId, "REFUSED");
        assertThat(step(caseId, "COMPLETE")).containsEntry("status", "CLOSED");
    }

    @Test
    void shouldLeaveADueDateOpenUntilTheCalendarReachesItAndSayWhichYearToAdd() throws Exception {
        clock.standOn(LocalDate.of(2026, 12, 21));
        ContactLetter letter = Samples.letterFrom440300();
        String caseId = Samples.caseId("440300-YEAR-END");
        peerSends(MessageType.CONTACT_LETTER, caseId, ContactLetterXml.write(letter));
        awaitState(caseId, "LETTER_RECEIVED");
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("dueOn", null).containsEntry("status", "OPEN");
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'calendar' }.data.reason", containsString("add 2027.properties"));

        // the operator adds next year (here a TEST ONLY year without holidays) and the next sweep dates the step
        Files.writeString(CALENDAR_DIR.resolve("2027.properties"), "# TEST ONLY: not the announced 2027 calendar\n"
                + "year=2027\nsource=test\nholidays=01-01\nworkdays=\n", StandardCharsets.UTF_8);
        assertThat(sweep.sweep().swept()).isTrue();
        // 12-22..12-31: 8 working days; 01-01 off; then 01-04..01-08 (5), 01-11, 01-12 → 15
        assertThat(step(caseId, "SEND_INFO_AND_FUNDS")).containsEntry("dueOn", "2027-01-12");
        given().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void shouldRefuseToAskForOverdueAndDueSoonAtOnce() {
        given().get("/api/v1/cases?overdue=true&dueSoon=true").then().statusCode(422)
                .body("violations[0].field", equalTo("dueSoon"));
    }

    private static Element form(String sample, String idNumber) {
        String xml = Samples.text(sample).replace("510104198805121377", idNumber);
        return SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement();
    }

    private static String text(Element body, String name) {
        return body.getElementsByTagNameNS("*", name).item(0).getTextContent();
    }
}
