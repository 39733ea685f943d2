package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.core.calendar.CalendarFiles;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole transfer between two node processes and a real broker, as the agencies' local systems drive it: the
 * transfer-in node 320100 (Nanjing) submits by REST; the transfer-out node 440300 (Shenzhen) answers by SOAP and by
 * its file drop. The case completes on both sides with the deadlines of the shipped calendar; a refusal path and an
 * amount-mismatch path close both sides as REFUSED. Nanjing runs on H2, Shenzhen on PostgreSQL: the case, deadline,
 * inbox and file-drop tables are proven on both.
 */
class TransferProcessIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCENARIO = "process-" + System.currentTimeMillis();
    private static final WorkingDayCalendar CALENDAR = CalendarFiles.load(NodeProcess.ROOT.resolve("config/calendar"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ArtemisServer broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;
    private static Path drop;
    private static final String SHENZHEN_SCHEMA = "it_process_440300_" + System.nanoTime() % 100_000_000;

    @BeforeAll
    static void startNetwork() throws Exception {
        broker = new ArtemisServer(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), new NodeDeadLetterQueues());
        drop = NodeProcess.WORK.resolve(SCENARIO).resolve("shenzhen-drop");
        nanjing = new NodeProcess("320100", SCENARIO, broker.url(), List.of("440300")).start();
        shenzhen = new NodeProcess("440300", SCENARIO, broker.url(), List.of("320100"))
                .onPostgres(PostgresExchangeIT.URL, PostgresExchangeIT.USER, SHENZHEN_SCHEMA)
                .with("node.local-system.file-drop.dir", drop.toString())
                .with("node.local-system.file-drop.poll-interval", "PT0.3S")
                .with("node.local-system.file-drop.settle-time", "PT0.2S")
                .start();
    }

    @AfterAll
    static void stopNetwork() throws Exception {
        try {
            NodeProcess.closeAll(nanjing, shenzhen, broker);
        } finally {
            PostgresExchangeIT.dropSchemas(SHENZHEN_SCHEMA);
        }
    }

    /** Nanjing's clerk submits a contact letter for a new person; returns the letter JSON and the case id. */
    private static String[] letter() {
        String json = Samples.letterJson();
        String caseId = nanjing.api().contentType(ContentType.JSON).body(json).post("/api/v1/contact-letters").then()
                .statusCode(202).extract().path("conversationId");
        return new String[] {json, caseId};
    }

    private static void awaitState(NodeProcess node, String caseId, String state) {
        await().atMost(WAIT).untilAsserted(() -> node.api().get("/api/v1/cases/" + caseId).then().statusCode(200)
                .body("state", equalTo(state)));
    }

    /** A form sample for the letter's person. */
    private static String form(String sample, String letterJson) {
        JsonPath person = JsonPath.from(letterJson);
        return Samples.formFor(sample, person.getString("person.idNumber"), person.getString("person.sex"),
                person.getString("person.birthDate"));
    }

    private static String withoutProlog(String xml) {
        int start = Math.max(xml.indexOf("-->"), xml.indexOf("?>"));
        return xml.substring(xml.indexOf('<', Math.max(start, 0)));
    }

    /** Shenzhen's local system answers by SOAP. */
    private static String soap(String operation, String caseId, String formXml) {
        String body = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:svc=\"urn:exchangenode:soap:intake:1\"><soapenv:Body><svc:" + operation + "><svc:To>320100</svc:To>"
                + "<svc:ConversationId>" + caseId + "</svc:ConversationId>" + withoutProlog(formXml) + "</svc:" + operation
                + "></soapenv:Body></soapenv:Envelope>";
        return shenzhen.api().contentType("text/xml; charset=UTF-8").body(body).post("/soap/intake").then()
                .statusCode(200).extract().asString();
    }

    /** Shenzhen's local system drops a file and waits until it is archived; returns the accepted report. */
    private static String dropFile(String name, String content) throws Exception {
        Files.createDirectories(drop.resolve("inbox"));
        Path part = drop.resolve("inbox").resolve("." + name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, drop.resolve("inbox").resolve(name));
        // the node archives under the day it accepted the file (its Beijing date): look in every day's folder
        Path errors = drop.resolve("error").resolve(name + ".errors.txt");
        await().atMost(WAIT).until(() -> acceptedReport(name).isPresent() || Files.exists(errors));
        assertThat(errors).as("the drop file was refused").doesNotExist();
        return Files.readString(acceptedReport(name).orElseThrow());
    }

    private static Optional<Path> acceptedReport(String name) throws IOException {
        Path archive = drop.resolve("archive");
        if (!Files.isDirectory(archive)) {
            return Optional.empty();
        }
        try (Stream<Path> days = Files.list(archive)) {
            return days.map(day -> day.resolve(name + ".accepted.txt")).filter(Files::exists).findFirst();
        }
    }

    /** The due date the shipped calendar gives a step started at {@code start}, if it reaches that far. */
    private static Optional<String> due(String start, int days) {
        try {
            return Optional.of(CALENDAR.dueDate(Instant.parse(start), days).toString());
        } catch (ExchangeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> step(NodeProcess node, String caseId, String step) {
        return node.api().get("/api/v1/cases/" + caseId).then().extract().jsonPath()
                .getMap("steps.find { it.step == '" + step + "' }");
    }

    @Test
    void shouldCompleteATransferBetweenTwoNodesByRestSoapAndFileDropWithItsDeadlines() throws Exception {
        String[] letter = letter();
        String caseId = letter[1];
        awaitState(shenzhen, caseId, "LETTER_RECEIVED");
        awaitState(nanjing, caseId, "LETTER_SENT");

        // the transfer-out clock starts on the day the letter arrived: 15 working days, and 10 for the 94号 notice
        Map<String, Object> reply = step(shenzhen, caseId, "SEND_INFO_AND_FUNDS");
        assertThat(reply.get("dueOn")).isEqualTo(due((String) reply.get("startedAt"), 15).orElse(null));
        Map<String, Object> notice = step(shenzhen, caseId, "LUMP_SUM_NOTICE");
        assertThat(notice.get("dueOn")).isEqualTo(due((String) notice.get("startedAt"), 10).orElse(null));
        assertThat(step(nanjing, caseId, "AWAIT_INFO_AND_FUNDS")).containsEntry("owner", "PEER");

        // Shenzhen: information form by SOAP, fund notice by the file drop (JSON), the 94号 notice reported by REST
        String infoForm = form("info-form.xml", letter[0]);
        assertThat(soap("SubmitInfoForm", caseId, infoForm)).contains("<svc:Status>STORED</svc:Status>");
        ObjectNode funds = new JsonForms().toJson(SecureXml.parse(form("fund-transfer-notice.xml", letter[0])
                .getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement());
        String accepted = dropFile(caseId + ".fund-transfer-notice.json", funds.toString());
        assertThat(accepted).contains("conversationId=" + caseId).contains("to=320100");
        shenzhen.api().contentType(ContentType.JSON).body(Map.of("reason", "notice handed to the person"))
                .post("/api/v1/cases/" + caseId + "/lump-sum-notice").then().statusCode(200);
        awaitState(shenzhen, caseId, "FUNDS_SENT");

        // Nanjing: both arrived → step 4 runs from today; the pull API holds both forms
        awaitState(nanjing, caseId, "AWAITING_COMPLETION");
        nanjing.api().get("/api/v1/cases/" + caseId).then().body("amountMismatch", equalTo(false))
                .body("infoTotal", equalTo(52598.90f)).body("fundAmount", equalTo(52598.90f));
        Map<String, Object> complete = step(nanjing, caseId, "COMPLETE");
        assertThat(complete.get("dueOn")).isEqualTo(due((String) complete.get("startedAt"), 15).orElse(null));
        assertThat(step(nanjing, caseId, "AWAIT_INFO_AND_FUNDS")).containsEntry("status", "MET");
        List<String> pulled = nanjing.api().get("/api/v1/inbox?limit=100").then().statusCode(200).extract()
                .jsonPath().getList("findAll { it.conversationId == '" + caseId + "' }.type");
        assertThat(pulled).containsExactlyInAnyOrder("InfoForm", "FundTransferNotice");

        // Nanjing completes by REST (JSON of the form's XSD shape)
        ObjectNode completion = new JsonForms().toJson(SecureXml.parse(form("completion-notice.xml", letter[0])
                .getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement());
        nanjing.api().contentType(ContentType.JSON).body(completion.toString())
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(202);
        awaitState(nanjing, caseId, "COMPLETED");
        awaitState(shenzhen, caseId, "COMPLETED");
        assertThat(step(shenzhen, caseId, "SEND_INFO_AND_FUNDS")).containsEntry("status", "MET");
        assertThat(step(shenzhen, caseId, "LUMP_SUM_NOTICE")).containsEntry("status", "MET");
        assertThat(step(shenzhen, caseId, "AWAIT_COMPLETION")).containsEntry("status", "MET");
        assertThat(nanjing.api().get("/api/v1/cases/" + caseId).then().extract().jsonPath().getList("timeline.type"))
                .containsExactlyInAnyOrder("ContactLetter", "InfoForm", "FundTransferNotice", "CompletionNotice");
    }

    @Test
    void shouldCloseBothSidesWhenTheTransferOutAgencyRefusesByFileDrop() throws Exception {
        String[] letter = letter();
        String caseId = letter[1];
        awaitState(shenzhen, caseId, "LETTER_RECEIVED");

        // reason 04: the person's account at the transfer-out side is not suspended
        dropFile(caseId + ".refusal.xml", form("refusal.xml", letter[0])
                .replace("<r:ReasonCode>08</r:ReasonCode>", "<r:ReasonCode>04</r:ReasonCode>")
                .replace("到账金额 52500.00 与信息表合计 52598.90 不符", "转出地参保关系尚未中止"));

        awaitState(shenzhen, caseId, "REFUSED");
        awaitState(nanjing, caseId, "REFUSED");
        assertThat(step(nanjing, caseId, "AWAIT_INFO_AND_FUNDS")).containsEntry("status", "CLOSED");
        nanjing.api().contentType(ContentType.JSON).body(new JsonForms().toJson(SecureXml.parse(
                        form("completion-notice.xml", letter[0]).getBytes(StandardCharsets.UTF_8), 1 << 20)
                        .getDocumentElement()).toString())
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(422)
                .body("code", equalTo("CASE_CLOSED"));
    }

    @Test
    void shouldHoldCompletionWhenTheFundsDifferFromTheFormUntilARefusalWithReason08() throws Exception {
        String[] letter = letter();
        String caseId = letter[1];
        awaitState(shenzhen, caseId, "LETTER_RECEIVED");

        soap("SubmitInfoForm", caseId, form("info-form.xml", letter[0]));
        ObjectNode funds = new JsonForms().toJson(SecureXml.parse(form("fund-transfer-notice.xml", letter[0])
                .getBytes(StandardCharsets.UTF_8), 1 << 20).getDocumentElement());
        funds.put("amount", new java.math.BigDecimal("52500.00"));
        funds.remove("individualAccountAmount");
        funds.remove("pooledFundAmount");
        shenzhen.api().contentType(ContentType.JSON).body(funds.toString())
                .post("/api/v1/forms/fund-transfer-notice?to=320100&conversationId=" + caseId).then().statusCode(202);

        awaitState(nanjing, caseId, "AWAITING_COMPLETION");
        nanjing.api().get("/api/v1/cases/" + caseId).then().body("amountMismatch", equalTo(true))
                .body("fundAmount", equalTo(52500.00f));
        nanjing.api().contentType("application/xml").body(form("completion-notice.xml", letter[0]))
                .post("/api/v1/forms/completion-notice?to=440300&conversationId=" + caseId).then().statusCode(422)
                .body("message", containsString("send a Refusal with reason 08"));

        String refusal08 = form("refusal.xml", letter[0]);
        assertThat(refusal08).contains("<r:ReasonCode>08</r:ReasonCode>");
        nanjing.api().contentType("application/xml").body(refusal08)
                .post("/api/v1/forms/refusal?to=440300&conversationId=" + caseId).then().statusCode(202);
        awaitState(nanjing, caseId, "REFUSED");
        awaitState(shenzhen, caseId, "REFUSED");
        assertThat(step(shenzhen, caseId, "AWAIT_COMPLETION")).containsEntry("status", "CLOSED");
    }

    @Test
    void shouldFindShenzhensInstallationReadyWithTheDoctor() throws Exception {
        Path config = NodeProcess.WORK.resolve(SCENARIO).resolve("shenzhen-doctor.properties");
        Path certs = NodeProcess.CERTS;
        Files.writeString(config, String.join("\n",
                "node.id=440300",
                "node.keys.private-key=" + certs.resolve("440300/node.key.pem"),
                "node.keys.certificate=" + certs.resolve("440300/node.crt.pem"),
                "node.trust.anchors=" + certs.resolve("root-ca.crt.pem"),
                "node.calendar.dir=" + NodeProcess.ROOT.resolve("config/calendar"),
                "node.peers.\"320100\".name=Agency 320100",
                "node.broker.url=" + broker.url(),
                "node.database.kind=postgresql",
                "node.database.url=" + PostgresExchangeIT.URL,
                "node.database.user=" + PostgresExchangeIT.USER,
                "node.database.schema=" + SHENZHEN_SCHEMA), StandardCharsets.UTF_8);

        // the calendar as on a day the shipped calendar covers: the suite passes whatever the machine's date
        Cli.Run run = Cli.run(Map.of(), "doctor", "--config", config.toString(), "--date", "2026-06-01");

        assertThat(run.output()).contains("OK    broker       " + broker.url())
                .containsPattern("OK    database     .* schema " + SHENZHEN_SCHEMA + " migrated to version \\d+")
                .contains("OK    certificate", "OK    trust", "OK    directory    1 peer(s) from node.peers")
                .doesNotContain("FAIL");
        assertThat(run.exit()).as(run.output()).isZero();

        Files.writeString(config, Files.readString(config).replace("node.broker.url=" + broker.url(),
                "node.broker.url=tcp://127.0.0.1:1"));
        Cli.Run down = Cli.run(Map.of(), "doctor", "--config", config.toString(), "--date", "2026-06-01");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.output()).contains("FAIL  broker       tcp://127.0.0.1:1 refused or unreachable");
    }
}
