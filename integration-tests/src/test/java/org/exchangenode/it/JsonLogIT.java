package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.exchangenode.core.form.Masking;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.NodeLauncher;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * JSON logs for a log collector: off by default (the packaged node logs text), switched on at run time on the same
 * installation, one JSON object a line carrying the text log's masked message and none of the fields that could leak.
 * The node's log is what this test is about, so it reads the log file (after a graceful stop, when all is written).
 */
class JsonLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("timestamp", "level", "loggerName", "threadName", "message",
            "node");
    private static final List<String> LEFT_OUT = List.of("mdc", "ndc", "processName", "processId", "loggerClassName",
            "threadId", "stackTrace");

    /** One contact letter: its person, and the line FormIntake logs when it stores it (the person masked). */
    private record Letter(String name, SamplePersons.Identity person, String storedLine) {
    }

    @Test
    void shouldLogTextByDefaultAndMaskedJsonLinesWithoutPersonalDataOrSecretsWhenSwitchedOnAtRunTime()
            throws Exception {
        String scenario = "json-log-" + System.currentTimeMillis();
        String inUrl = "InUrl" + UUID.randomUUID().toString().replace("-", "");
        String ownSetting = "OwnSetting" + UUID.randomUUID().toString().replace("-", "");
        ArtemisServer broker = new ArtemisServer(NodeProcess.WORK.resolve(scenario).resolve("broker"),
                new NodeDeadLetterQueues());
        NodeProcess node = new NodeProcess("320100", scenario, broker.url() + "?trustStorePassword=" + inUrl,
                List.of("440300")).with("node.broker.key-store-password", ownSetting);
        Letter inText;
        Letter inJson;
        long textEnd;
        try {
            node.start();
            inText = submitAndRefuse(node);
            node.stop();
            textEnd = Files.size(node.log());

            node.with("quarkus.log.console.json.enabled", "true").start();
            inJson = submitAndRefuse(node);
        } finally {
            NodeProcess.closeAll(node, broker);
        }

        byte[] all = Files.readAllBytes(node.log());
        List<String> textLines = lines(new String(all, 0, (int) textEnd, StandardCharsets.UTF_8));
        List<ObjectNode> records = records(lines(new String(all, (int) textEnd, all.length - (int) textEnd,
                StandardCharsets.UTF_8)));
        // the raw file (both runs) and the JSON records decoded, in case the formatter escaped a value
        for (String log : List.of(new String(all, StandardCharsets.UTF_8), records.toString())) {
            for (Letter letter : List.of(inText, inJson)) {
                SamplePersons.Identity person = letter.person();
                assertThat(log).doesNotContain(person.idNumber(), letter.name(), person.birthDate(),
                        person.idNumber().substring(6, 14));
            }
            assertThat(log).doesNotContain("李娜", inUrl, ownSetting, NodeLauncher.SUBMITTER_PASSWORD,
                    NodeProcess.AUDITOR_PASSWORD);
        }
        assertThat(textLines).isNotEmpty().noneMatch(line -> line.startsWith("{"))
                .anyMatch(line -> line.contains(inText.storedLine()));
        assertThat(records).isNotEmpty().allSatisfy(record -> {
            assertThat(record.fieldNames()).toIterable().as(record.toString()).containsAll(FIELDS)
                    .doesNotContainAnyElementsOf(LEFT_OUT);
            assertThat(record.get("node").asText()).isEqualTo("320100");
        });
        assertThat(records).anySatisfy(record -> {
            assertThat(record.get("loggerName").asText()).isEqualTo("org.exchangenode.routes.intake.FormIntake");
            assertThat(record.get("level").asText()).isEqualTo("INFO");
            assertThat(record.get("message").asText()).isEqualTo(inJson.storedLine());
        });
    }

    /** Each line parsed: every one must be a JSON object. */
    private static List<ObjectNode> records(List<String> lines) throws IOException {
        List<ObjectNode> records = new ArrayList<>();
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            assertThat(record.isObject()).as(line).isTrue();
            records.add((ObjectNode) record);
        }
        return records;
    }

    /**
     * A contact letter for a fresh person (stored: 202), then the same letter with the ID number in the birth date
     * field (refused: 422 naming the field, not the value).
     */
    private static Letter submitAndRefuse(NodeProcess node) throws IOException {
        String name = Samples.freshName();
        SamplePersons.Identity person = SamplePersons.next();
        String letter = Samples.jsonFor(name, person);
        var accepted = node.api().contentType(ContentType.JSON).body(letter).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().jsonPath();

        ObjectNode wrong = (ObjectNode) JSON.readTree(letter);
        ((ObjectNode) wrong.get("person")).put("birthDate", person.idNumber());
        node.api().contentType(ContentType.JSON).body(JSON.writeValueAsString(wrong)).post("/api/v1/contact-letters")
                .then().statusCode(422).body("violations.field", hasItem("person.birthDate"))
                .body(not(containsString(person.idNumber())));
        return new Letter(name, person, "ContactLetter " + accepted.getString("messageId") + " (case "
                + accepted.getString("conversationId") + ") for " + Masking.idNumber(person.idNumber())
                + " to 440300 stored for sending");
    }

    private static List<String> lines(String text) {
        return text.lines().filter(line -> !line.isBlank()).toList();
    }
}
