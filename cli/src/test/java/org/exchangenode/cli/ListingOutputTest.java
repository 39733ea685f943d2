package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's listings against a stand-in node answering the API's JSON shapes: {@code --output json} is JSON a
 * script can read back (the node's answer, unchanged), text is for people, and the filters reach the node as typed.
 */
class ListingOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGE = """
            {"messageId":"7d0c6c1e-3b4f-4c39-9a57-2b5d0f1a9e01","direction":"OUTBOUND","type":"ContactLetter",
             "conversationId":"c-1","refToMessageId":null,"from":"320100","to":"440300","peer":"440300",
             "status":"FAILED","createdAt":"2026-11-20T08:00:00Z","storedAt":"2026-11-20T08:00:01Z","sentAt":null,
             "deliveredAt":null,"updatedAt":"2026-11-21T08:00:00Z","signatureAlgorithm":"SM2_SM3",
             "contentDigest":"ab12","deliveries":0,"receiptsSent":0,"receiptMessageId":null,"sendCount":3,
             "receiptDueAt":null,"error":{"code":"RECEIPT_TIMEOUT","message":"no Receipt came after the last send",
             "violations":[]}}""";

    @TempDir
    Path dir;
    private FakeNode node;
    private String password;

    @BeforeEach
    void start() throws Exception {
        password = Files.writeString(dir.resolve("password"), "secret\n").toString();
        node = new FakeNode()
                .answer("GET /api/v1/messages/counts", """
                        {"byStatus":{"OUTBOUND_FAILED":1,"INBOUND_RECEIVED":4},"duplicatesSuppressed":2,
                         "receiptsSent":4,"quarantined":1}""")
                .answer("GET /api/v1/operations/failed", "[" + MESSAGE + "]")
                .answer("GET /api/v1/operations/messages/7d0c6c1e-3b4f-4c39-9a57-2b5d0f1a9e01", """
                        {"message":%s,"attempts":[{"attempt":1,"outcome":"SENT","at":"2026-11-20T08:00:02Z",
                         "detail":null}],"maskedBody":"<ContactLetter><Name>张*</Name></ContactLetter>"}"""
                        .formatted(MESSAGE))
                .answer("GET /api/v1/operations/quarantine", """
                        [{"quarantineId":"q-1","messageId":"m-9","claimedSender":"440300","type":"InfoForm",
                          "errorCode":"SIGNATURE_INVALID","reason":"the signature does not verify",
                          "receivedAt":"2026-11-20T09:00:00Z","errorMessageId":"e-1","unanswered":null,
                          "contentSize":2048,"contentSm3":"cd34","resolution":{"at":"2026-11-21T09:00:00Z",
                          "by":"operator-li","reason":"anchors updated"}}]""")
                .answer("GET /api/v1/operations/dead-letters", """
                        [{"brokerId":"ID:dlq-1","messageId":"m-7","type":"Receipt","from":"440300",
                          "originalQueue":"node.320100.inbox","sentAt":"2026-11-20T10:00:00Z","bytes":1234}]""");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun run(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--node", node.url(), "--user", "operator-li",
                "--password-file", password));
        args.addAll(List.of(rest));
        return CliRun.of(args.toArray(String[]::new));
    }

    private JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void shouldPrintEachListingAsJsonAScriptCanReadBack() throws Exception {
        assertThat(json(run("counts", "--output", "json")).path("byStatus").path("INBOUND_RECEIVED").asInt()).isEqualTo(4);
        JsonNode failed = json(run("failed", "--output", "json"));
        assertThat(failed.isArray()).isTrue();
        assertThat(failed.get(0).path("error").path("code").asText()).isEqualTo("RECEIPT_TIMEOUT");
        JsonNode inspected = json(run("inspect", "7d0c6c1e-3b4f-4c39-9a57-2b5d0f1a9e01", "--output", "json"));
        assertThat(inspected.path("attempts").get(0).path("outcome").asText()).isEqualTo("SENT");
        assertThat(inspected.path("maskedBody").asText()).contains("张*");
        assertThat(json(run("quarantine", "--output", "json")).get(0).path("resolution").path("by").asText())
                .isEqualTo("operator-li");
        assertThat(json(run("dead-letters", "--output", "json")).get(0).path("bytes").asLong()).isEqualTo(1234);
    }

    @Test
    void shouldPrintTheCountsOneLineEachAsTextByDefault() {
        CliRun counts = run("counts");

        assertThat(counts.exit()).isZero();
        assertThat(counts.out()).contains("INBOUND_RECEIVED  4\n", "quarantined  ").doesNotContain("{");
    }

    @Test
    void shouldPrintEachListingAsTextByDefault() {
        assertThat(run("failed").out()).contains("MESSAGE ID", "7d0c6c1e-3b4f-4c39-9a57-2b5d0f1a9e01  ContactLetter",
                "RECEIPT_TIMEOUT", "1 FAILED message(s) on this page");
        assertThat(run("inspect", "7d0c6c1e-3b4f-4c39-9a57-2b5d0f1a9e01").out())
                .contains("status    FAILED  sends 3", "attempt   #1 SENT", "body (personal data masked):");
        assertThat(run("quarantine").out()).contains("q-1  InfoForm m-9 from 440300  SIGNATURE_INVALID",
                "[resolved by operator-li]", "1 quarantined document(s) on this page");
        assertThat(run("dead-letters").out()).contains("ID:dlq-1  Receipt m-7 from 440300", "1 dead letter(s) on this page");
    }

    @Test
    void shouldSendTheTypedFiltersAsTheNodeReadsThem() {
        assertThat(run("failed", "--peer", "440300", "--type", "ContactLetter", "--error-code", "RECEIPT_TIMEOUT",
                "--from", "2026-11-01T00:00:00Z", "--to", "2026-12-01T00:00:00Z", "--page", "2", "--size", "20").exit())
                .isZero();

        assertThat(node.requests("GET /api/v1/operations/failed").get(0).query()).isEqualTo("peer=440300&type="
                + "ContactLetter&from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z&errorCode=RECEIPT_TIMEOUT&page=2&size=20");
    }

    @Test
    void shouldExitOneWithTheNodesAnswerWhenItRefuses() {
        CliRun run = run("inspect", "no-such-message", "--output", "json");

        assertThat(run.exit()).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(run.out()).startsWith("refused by the node: HTTP 404");
    }
}
