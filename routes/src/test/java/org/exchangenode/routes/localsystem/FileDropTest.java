package org.exchangenode.routes.localsystem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.TestClock;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.intake.FormIntake;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/** The file drop: accepted files archived with their message id, refused ones in error/ with every field named. */
@QuarkusTest
class FileDropTest extends PeerTestSupport {
    private static final Path DROP = Path.of("target/test-file-drop");
    @Inject
    TestClock clock;

    @Inject
    NodeConfig node;
    @Inject
    LocalSystemConfig localSystem;
    @Inject
    FormIntake intake;
    @Inject
    CaseStore cases;
    @Inject
    FileDropStore accepted;

    private static void drop(String name, byte[] content) throws IOException {
        Files.createDirectories(DROP.resolve("inbox"));
        Path temporary = DROP.resolve("inbox").resolve("." + name + ".part");
        Files.write(temporary, content);
        Files.move(temporary, DROP.resolve("inbox").resolve(name));
    }

    private static Properties awaitReport(Path file) {
        await().atMost(WAIT).until(() -> Files.exists(file));
        Properties report = new Properties();
        try {
            report.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return report;
    }

    /** The archive folder of the business day (the test clock's: never the machine's date). */
    private Path archive() {
        return DROP.resolve("archive").resolve(clock.today().toString());
    }

    /** The forms of {@code type} this node sent in case {@code caseId}. */
    private static int outbound(String caseId, String type) {
        return given().get("/api/v1/messages?direction=OUTBOUND&type=" + type + "&conversationId=" + caseId).then()
                .statusCode(200).extract().jsonPath().getList("messageId").size();
    }

    @Test
    void shouldOpenACaseFromADroppedContactLetterAndReportItsCaseBesideTheArchivedFile() throws Exception {
        String name = "local-ref-" + System.nanoTime() + ".contact-letter.json";
        drop(name, Samples.letterJson().getBytes(StandardCharsets.UTF_8));

        Properties accepted = awaitReport(archive().resolve(name + ".accepted.txt"));
        assertThat(archive().resolve(name)).exists();
        assertThat(DROP.resolve("inbox").resolve(name)).doesNotExist();
        assertThat(accepted.getProperty("to")).isEqualTo("440300");
        given().get("/api/v1/cases/" + accepted.getProperty("conversationId")).then().statusCode(200)
                .body("state", equalTo("LETTER_SENT"));
    }

    @Test
    void shouldSendADroppedFormToThePeerOfItsCaseAndNeverTwiceWhenTheSameFileComesBack() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-DROP", asked);
        String name = caseId + ".info-form.xml";
        byte[] form = Samples.formFor("info-form.xml", asked);
        drop(name, form);

        Properties accepted = awaitReport(archive().resolve(name + ".accepted.txt"));
        assertThat(accepted.getProperty("conversationId")).isEqualTo(caseId);
        shenzhen.receive(e -> accepted.getProperty("messageId").equals(e.header().messageId()), WAIT);
        given().get("/api/v1/cases/" + caseId).then().body("state", equalTo("INFO_SENT"));

        // the node crashed after storing the form and before moving the file: the same file is seen again
        int sent = outbound(caseId, "InfoForm");
        assertThat(sent).isEqualTo(1);
        drop(name, form);
        Properties again = awaitReport(archive().resolve(name + ".1.accepted.txt"));
        assertThat(again.getProperty("messageId")).isEqualTo(accepted.getProperty("messageId"));
        assertThat(outbound(caseId, "InfoForm")).isEqualTo(sent);
    }

    /**
     * Several instances of one node polling one drop directory (on a shared file system): the node's own poller and
     * two more instances' pick the same files at the same moment; each file is sent once, and whichever instance lost
     * the race archives it under the message id of the one that won.
     */
    @Test
    void shouldSendEachFileOnceWhenThreeInstancesPollTheSameDropAtOnce() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "three-instances-" + System.nanoTime() + "-" + i + ".contact-letter.json";
            drop(name, Samples.letterJson().getBytes(StandardCharsets.UTF_8));
            names.add(name);
        }
        Thread.sleep(300);   // the settle time
        List<FileDrop> instances = List.of(new FileDrop(node, localSystem, intake, cases, accepted, clock),
                new FileDrop(node, localSystem, intake, cases, accepted, clock));
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Integer>> polls = new ArrayList<>();
            instances.forEach(drop -> polls.add(pool.submit(drop::poll)));
            for (Future<Integer> poll : polls) {
                poll.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        await().atMost(WAIT).until(() -> names.stream().noneMatch(n -> Files.exists(DROP.resolve("inbox").resolve(n))));
        Set<String> messageIds = new HashSet<>();
        for (String name : names) {
            Set<String> reported = new HashSet<>();
            try (Stream<Path> reports = Files.list(archive())) {
                for (Path report : reports.filter(p -> p.getFileName().toString().startsWith(name)
                        && p.getFileName().toString().endsWith(".accepted.txt")).toList()) {
                    reported.add(awaitReport(report).getProperty("messageId"));
                }
            }
            assertThat(reported).as("the message ids reported for " + name).hasSize(1);
            assertThat(DROP.resolve("error").resolve(name)).doesNotExist();
            messageIds.addAll(reported);
        }
        assertThat(messageIds).hasSize(names.size());
        for (String id : messageIds) {
            given().get("/api/v1/messages/" + id).then().statusCode(200);
        }
    }

    @Test
    void shouldMoveARefusedFileToErrorWithEveryFailingFieldNamed() throws Exception {
        ContactLetter asked = Samples.letterFrom440300();
        String caseId = peerOpensCase("440300-CASE-DROP-BAD", asked);
        var json = new JsonForms().toJson(SecureXml.parse(Samples.formFor("info-form.xml", asked), 1 << 20)
                .getDocumentElement());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("amounts")).put("total", new java.math.BigDecimal("1.00"));
        json.remove("formDate");
        String name = caseId + ".info-form.json";
        drop(name, json.toString().getBytes(StandardCharsets.UTF_8));
        String notes = "notes-" + System.nanoTime() + ".txt";
        String noSuchCase = Samples.caseId("NO-SUCH-CASE") + ".refusal.xml";
        drop(notes, "hello".getBytes(StandardCharsets.UTF_8));
        drop(noSuchCase, Samples.text("refusal.xml").getBytes(StandardCharsets.UTF_8));

        Path errors = DROP.resolve("error").resolve(name + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(errors));
        assertThat(DROP.resolve("error").resolve(name)).exists();
        assertThat(Files.readString(errors)).contains("formDate\tREQUIRED").contains("nothing was stored or sent");
        Path badName = DROP.resolve("error").resolve(notes + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(badName));
        assertThat(Files.readString(badName)).contains("file name\tFORMAT");
        Path noCase = DROP.resolve("error").resolve(noSuchCase + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(noCase));
        assertThat(Files.readString(noCase)).contains("CASE_UNKNOWN");
        assertThat(outbound(caseId, "InfoForm")).isZero();

        // corrected but for the total, dropped again under the same name: the rule beyond the schema names it
        json.put("formDate", "2026-11-25");
        drop(name, json.toString().getBytes(StandardCharsets.UTF_8));
        Path again = DROP.resolve("error").resolve(name + ".1.errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(again));
        assertThat(Files.readString(again)).contains("amounts.total\tSUM_MISMATCH");
        assertThat(outbound(caseId, "InfoForm")).isZero();
    }

    @Test
    void shouldWriteTheErrorReportIntoANewFileNotThroughALinkPlacedAsItsTemporaryName() throws Exception {
        Path outside = Files.createTempFile(Path.of("target"), "outside-", ".txt").toAbsolutePath();
        Files.writeString(outside, "not the node's to write");
        String name = "notes-" + System.nanoTime() + ".txt";
        Files.createDirectories(DROP.resolve("error"));
        Files.createSymbolicLink(DROP.resolve("error").resolve("." + name + ".errors.txt.tmp"), outside);
        drop(name, "hello".getBytes(StandardCharsets.UTF_8));

        Path errors = DROP.resolve("error").resolve(name + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(errors, LinkOption.NOFOLLOW_LINKS));
        assertThat(Files.readString(outside)).isEqualTo("not the node's to write");
        assertThat(Files.isRegularFile(errors, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(errors)).contains("file name\tFORMAT");
    }

    @Test
    void shouldMoveALinkInTheInboxToErrorWithoutReadingWhatItPointsTo() throws Exception {
        // a contact letter the node would send if it followed the link
        Path secret = Files.createTempFile(Path.of("target"), "secret-", ".json").toAbsolutePath();
        Files.writeString(secret, Samples.letterJson());
        String before = Files.readString(secret);
        String name = "linked-" + System.nanoTime() + ".contact-letter.json";
        Files.createDirectories(DROP.resolve("inbox"));
        Files.createSymbolicLink(DROP.resolve("inbox").resolve(name), secret);

        Path errors = DROP.resolve("error").resolve(name + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(errors, LinkOption.NOFOLLOW_LINKS));
        assertThat(Files.readString(errors)).contains("file\tNOT_A_REGULAR_FILE");
        assertThat(Files.isSymbolicLink(DROP.resolve("error").resolve(name))).as("the link itself moved").isTrue();
        assertThat(DROP.resolve("inbox").resolve(name)).doesNotExist();
        assertThat(archive().resolve(name + ".accepted.txt")).doesNotExist();
        assertThat(Files.readString(secret)).isEqualTo(before);
    }

    @Test
    void shouldRefuseAFileNamedWithControlCharactersUnderASafeNameWithoutEchoingIt() throws Exception {
        String stamp = String.valueOf(System.nanoTime());
        String name = "evil" + stamp + "\u001b[2J\nforged line\t.contact-letter.json";
        drop(name, Samples.letterJson().getBytes(StandardCharsets.UTF_8));

        String safe = "evil" + stamp + "_[2J_forged line_.contact-letter.json";
        Path errors = DROP.resolve("error").resolve(safe + ".errors.txt");
        await().atMost(WAIT).until(() -> Files.exists(errors, LinkOption.NOFOLLOW_LINKS));
        assertThat(DROP.resolve("error").resolve(safe)).exists();
        assertThat(DROP.resolve("inbox").resolve(name)).doesNotExist();
        String report = Files.readString(errors);
        assertThat(report).contains("file name\tCONTROL_CHARACTER").doesNotContain("\u001b").doesNotContain("\nforged");
        try (var listed = Files.list(DROP.resolve("error"))) {
            assertThat(listed.map(p -> p.getFileName().toString()).filter(n -> n.contains(stamp)))
                    .allMatch(n -> n.chars().noneMatch(Character::isISOControl));
        }
        assertThat(archive().resolve(safe + ".accepted.txt")).doesNotExist();
    }

    @Test
    void shouldNeverMoveAFileIntoWhereALinkInPlaceOfErrorPoints() throws Exception {
        Path outside = Files.createTempDirectory(Path.of("target"), "outside-dir-").toAbsolutePath();
        Path error = DROP.resolve("error");
        Files.createDirectories(error);
        Path saved = DROP.resolve("error.saved-" + System.nanoTime());
        Files.move(error, saved);
        String refused = "notes-" + System.nanoTime() + ".txt";
        try {
            Files.createSymbolicLink(error, outside);
            drop(refused, "hello".getBytes(StandardCharsets.UTF_8));
            // a letter dropped after it: once it is archived, the poll that saw the refused file before it is over
            String letter = "after-link-" + System.nanoTime() + ".contact-letter.json";
            drop(letter, Samples.letterJson().getBytes(StandardCharsets.UTF_8));
            Files.setLastModifiedTime(DROP.resolve("inbox").resolve(letter), java.nio.file.attribute.FileTime.from(
                    Files.getLastModifiedTime(DROP.resolve("inbox").resolve(refused)).toInstant().plusSeconds(1)));
            awaitReport(archive().resolve(letter + ".accepted.txt"));
            try (var listed = Files.list(outside)) {
                assertThat(listed).as("written where the link points").isEmpty();
            }
            assertThat(DROP.resolve("inbox").resolve(refused)).as("left for an operator to fix error/").exists();
        } finally {
            Files.deleteIfExists(error);
            Files.move(saved, error);
        }
        await().atMost(WAIT).until(() -> Files.exists(error.resolve(refused + ".errors.txt")));
    }
}
