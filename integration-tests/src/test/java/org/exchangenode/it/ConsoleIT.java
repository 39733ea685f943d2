package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import jakarta.jms.Message;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.NodeLauncher;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The console as its users work with it, in the machine's headless Chromium (see {@link ConsoleBrowser}), against
 * node 320100 (Nanjing) and its peer 440300 (Shenzhen), started once. Letters fail for real: 440300's inbox is paused
 * on the broker while 320100 sends them, 320100 gives up after two sends without a Receipt (FAILED, RECEIPT_TIMEOUT),
 * the copies are removed from the inbox (lost, as a purged queue would be) and it is resumed: only a replay delivers.
 * Each scenario has letters of its own, so that none depends on another's order. Replays above two letters need a
 * second operator ({@code node.operations.four-eyes-threshold=2}). Screenshots of the pages go to
 * {@code target/console-screenshots}.
 */
class ConsoleIT {
    private static final String SCENARIO = "console-" + System.currentTimeMillis();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    /** The console's users of this scenario and their roles (TEST ONLY; password: name + "-console-password"). */
    private static final Map<String, String> USERS = Map.of("operator-a", "operator", "operator-b", "operator",
            "auditor-a", "auditor", "observer-a", "observer", "admin-a", "admin");
    private static final String FAILED_OUTBOUND = "/console/messages?status=FAILED&direction=OUTBOUND";

    private static ArtemisServer broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;
    /** Scenario (a)'s letter: replayed alone from its page. */
    private static String single;
    /** Scenario (b)'s letters: three, above the four-eyes threshold. */
    private static List<String> bulk;
    /** The letter nobody may replay: the observer's and the forged requests' target; it stays FAILED. */
    private static String untouched;

    @BeforeAll
    static void startNodesAndFailLetters() throws Exception {
        broker = new ArtemisServer(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), new NodeDeadLetterQueues());
        nanjing = withUsers(new NodeProcess("320100", SCENARIO, broker.url(), List.of("440300")))
                .with("node.operations.four-eyes-threshold", "2")
                .with("node.delivery.receipt-timeout", "PT4S").with("node.delivery.backoff-multiplier", "1.0")
                .with("node.delivery.jitter", "0").with("node.delivery.max-sends", "2")
                .with("node.delivery.check-interval", "PT1S")
                // checkpoints only when asked for: the CSRF scenario counts them
                .with("node.audit.checkpoint-interval", "PT1H");
        shenzhen = withUsers(new NodeProcess("440300", SCENARIO, broker.url(), List.of("320100")));
        // one after the other: side by side on a busy two-core machine, each took longer than its 90 s to start
        nanjing.start();
        shenzhen.start();

        // 440300 takes nothing from its inbox while paused: no Receipt comes, 320100 gives up after two sends
        manage(INBOX_440300, "pause");
        single = submit();
        bulk = List.of(submit(), submit(), submit());
        untouched = submit();
        List<String> all = new ArrayList<>(bulk);
        all.add(single);
        all.add(untouched);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> all.stream()
                .allMatch(id -> "FAILED".equals(status(id))));
        // the copies are lost (as an operator purging the queue would lose them): only a replay delivers now
        manage(INBOX_440300, "removeAllMessages");
        manage(INBOX_440300, "resume");
    }

    private static final String INBOX_440300 = "node.440300.inbox";

    /** Invokes an operation of a queue's management control on the broker, as the broker's console would. */
    private static void manage(String queue, String operation) throws Exception {
        try (QueueConnection connection = new ActiveMQConnectionFactory(broker.url()).createQueueConnection()) {
            connection.start();
            QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueRequestor requestor = new QueueRequestor(session, ActiveMQJMSClient.createQueue("activemq.management"));
            Message request = session.createMessage();
            JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, operation);
            Message reply = requestor.request(request);
            assertThat(JMSManagementHelper.hasOperationSucceeded(reply)).as(operation + " " + queue).isTrue();
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        NodeProcess.closeAll(nanjing, shenzhen, broker);
    }

    private static NodeProcess withUsers(NodeProcess node) {
        USERS.forEach((user, role) -> node
                .with("quarkus.security.users.embedded.users." + user, NodeLauncher.userHash(user, password(user)))
                .with("quarkus.security.users.embedded.roles." + user, role));
        return node;
    }

    private static String password(String user) {
        return user + "-console-password";
    }

    private static String submit() {
        return nanjing.api().contentType(ContentType.JSON).body(Samples.letterJson()).post("/api/v1/contact-letters")
                .then().statusCode(202).extract().path("messageId");
    }

    private static String status(String id) {
        return nanjing.api().get("/api/v1/messages/" + id).then().statusCode(200).extract().path("status");
    }

    /** A browser of its own for one scenario, logged in as {@code user}. */
    private static ConsoleBrowser browser(String user) throws IOException {
        ConsoleBrowser browser = new ConsoleBrowser(nanjing.baseUrl(),
                NodeProcess.WORK.resolve(SCENARIO).resolve("downloads-" + user + "-" + System.nanoTime()));
        try {
            return browser.login(user, password(user));
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    private static void awaitStatus(ConsoleBrowser browser, String id, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.open("/console/messages/" + id);
            return status.equals(browser.find("#message-status").getDomAttribute("data-status"));
        });
    }

    private static Map<String, List<String>> form(String... namesAndValues) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return form;
    }

    // ---- (a) one failed letter, found, dry run, replayed, delivered

    @Test
    void shouldDeliverAFailedLetterWhenAnOperatorReplaysItFromItsPageAfterADryRun() throws IOException {
        try (ConsoleBrowser b = browser("operator-a")) {
            assertThat(b.find("h1").getText()).containsPattern(HAN);
            assertThat(Long.parseLong(b.find("#failed-count").getText().strip())).isPositive();
            b.screenshot("operator-overview-zh");

            b.open(FAILED_OUTBOUND);
            WebElement link = b.find("tr.message[data-id='" + single + "'] a.message-link");
            b.screenshot("operator-failed-messages-zh");
            b.click(link);
            assertThat(b.find("#message-status").getDomAttribute("data-status")).isEqualTo("FAILED");
            b.screenshot("operator-message-failed-zh");

            b.click("#replay-one-button");
            assertThat(b.waitFor("#dry-run-count").getText().strip()).isEqualTo("1");
            assertThat(b.all("table#dry-run tbody tr").stream().map(r -> r.getDomAttribute("data-id")))
                    .containsExactly(single);
            assertThat(status(single)).as("a dry run changes nothing").isEqualTo("FAILED");
            b.screenshot("operator-dry-run-zh");

            b.type("textarea#reason", "440300 was down past the retries; its queue was purged");
            b.click("#replay-button");
            assertThat(b.waitFor("#replayed-count").getText().strip()).isEqualTo("1");
            b.screenshot("operator-replayed-zh");

            awaitStatus(b, single, "DELIVERED");
            b.screenshot("operator-message-delivered-zh");
        }
    }

    // ---- (b) bulk replay above the threshold: requested by one operator, approved by another

    @Test
    void shouldReplayOnlyAfterASecondOperatorApprovesWhenABulkReplayIsAboveTheFourEyesThreshold() throws IOException {
        String requestId;
        try (ConsoleBrowser b = browser("operator-a")) {
            b.open(FAILED_OUTBOUND);
            for (String id : bulk) {
                b.tick("tr.message[data-id='" + id + "'] input.select");
            }
            b.click("#dry-run-selected");
            assertThat(b.waitFor("p#needs-approval").isDisplayed()).isTrue();
            assertThat(b.find("#dry-run-count").getText().strip()).isEqualTo("3");
            b.screenshot("operator-bulk-dry-run-zh");
            b.type("textarea#reason", "440300 lost its queue: replay the three letters");
            b.click("#replay-button");
            requestId = b.waitFor("a#request-id").getText().strip();
            assertThat(requestId).isNotEmpty();
            b.screenshot("operator-replay-requested-zh");
            assertThat(bulk).allMatch(id -> "FAILED".equals(status(id)));

            b.open("/console/replay-requests");
            String row = "tr[data-request='" + requestId + "']";
            assertThat(b.present(row + " span.own-request")).isTrue();
            assertThat(b.present(row + " form.approve")).as("no approve form for one's own request").isFalse();
            b.screenshot("replay-requests-own-zh");

            ConsoleBrowser.Answer forged = b.post("/console/replay-requests/" + requestId + "/approve",
                    form("csrf", b.csrf(), "reason", "approving my own request"));
            assertThat(forged.status()).as(forged.body()).isBetween(400, 499);
            assertThat(forged.body()).containsAnyOf("id=\"forbidden\"", "id=\"refused\"");
            b.open("/console/replay-requests");
            assertThat(b.find(row + " td.status").getDomAttribute("data-status")).isEqualTo("PENDING");
            assertThat(bulk).allMatch(id -> "FAILED".equals(status(id)));
            b.logout();
        }
        try (ConsoleBrowser b = browser("operator-b")) {
            b.open("/console/replay-requests");
            String row = "tr[data-request='" + requestId + "']";
            b.type(row + " form.approve input[name=reason]", "checked: 440300 is back and its queue is empty");
            b.click(row + " form.approve button.approve-button");
            b.waitFor("p#decision-notice");
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                b.open("/console/replay-requests");
                return "EXECUTED".equals(b.find(row + " td.status").getDomAttribute("data-status"));
            });
            b.screenshot("replay-requests-zh");
            for (String id : bulk) {
                awaitStatus(b, id, "DELIVERED");
            }
        }
    }

    // ---- (c) the auditor exports a range and verifies the chain

    @Test
    void shouldDownloadAZipAndPrintIntactWhenAnAuditorExportsAndVerifies() throws IOException {
        try (ConsoleBrowser b = browser("auditor-a")) {
            b.open("/console/audit");
            // the node's today (Beijing time) as the page offers it: the test follows the node's clock, not its own
            LocalDate today = LocalDate.parse(b.find("#export-to").getDomProperty("value"));
            b.setValue("#export-from", today.minusDays(1).toString());
            b.setValue("#export-to", today.toString());
            b.click("#export-button");
            Path zip = await().atMost(WAIT).until(() -> downloadedZip(b.downloads()), p -> p != null);
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                assertThat(archive.stream().map(ZipEntry::getName).toList()).as(zip.toString()).isNotEmpty();
            }

            b.click("#verify-button");
            WebElement result = b.waitFor("pre#verify-result");
            assertThat(result.getText()).contains("Exchange Node audit verification")
                    .containsPattern("RESULT\\s+INTACT").doesNotContain("BROKEN");
            b.screenshot("auditor-audit-verified-zh");
        }
    }

    /** The finished .zip in the folder (none while Chromium still writes its .crdownload). */
    private static Path downloadedZip(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            if (all.stream().anyMatch(p -> p.toString().endsWith(".crdownload"))) {
                return null;
            }
            return all.stream().filter(p -> p.toString().endsWith(".zip")).findFirst().orElse(null);
        }
    }

    // ---- (d) the observer sees, and may not replay

    @Test
    void shouldShowNoReplayControlsWhenAnObserverLooksAtFailedLetters() throws IOException {
        try (ConsoleBrowser b = browser("observer-a")) {
            b.open("/console/messages/" + untouched);
            assertThat(b.find("#message-status").getDomAttribute("data-status")).isEqualTo("FAILED");
            assertThat(b.present("#replay-one-button")).isFalse();
            b.screenshot("observer-message-zh");
            b.open(FAILED_OUTBOUND);
            assertThat(b.present("tr.message[data-id='" + untouched + "']")).isTrue();
            assertThat(b.present("#dry-run-selected")).isFalse();
            assertThat(b.present("input.select")).isFalse();
            b.screenshot("observer-messages-zh");
        }
        // the control: an operator sees both on the same letter
        try (ConsoleBrowser b = browser("operator-a")) {
            b.open("/console/messages/" + untouched);
            assertThat(b.present("#replay-one-button")).isTrue();
        }
    }

    @Test
    void shouldRefuseWhenAnObserverPostsAReplayByHand() throws IOException {
        try (ConsoleBrowser b = browser("observer-a")) {
            b.open("/console/messages/" + untouched);
            String csrf = b.csrf();
            ConsoleBrowser.Answer dryRun = b.post("/console/replay/dry-run",
                    form("csrf", csrf, "ids", untouched, "scope", "selected"));
            assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(403);
            assertThat(dryRun.body()).contains("id=\"forbidden\"").doesNotContain("dry-run-count");
            ConsoleBrowser.Answer replay = b.post("/console/replay",
                    form("csrf", csrf, "ids", untouched, "reason", "an observer tries"));
            assertThat(replay.status()).as(replay.body()).isEqualTo(403);
            assertThat(replay.body()).contains("id=\"forbidden\"").doesNotContain("replayed-count");
        }
        assertThat(status(untouched)).isEqualTo("FAILED");
    }

    // ---- (e) every label in the language chosen

    @Test
    void shouldShowEveryLabelInEnglishWhenTheUserSwitchesToEnglish() throws IOException {
        List<String> pages = List.of("/console", FAILED_OUTBOUND, "/console/messages/" + untouched, "/console/audit",
                "/console/network", "/console/cases", "/console/quarantine", "/console/dead-letters");
        try (ConsoleBrowser b = browser("admin-a")) {
            Map<String, List<String>> zh = new LinkedHashMap<>();
            for (String page : pages) {
                b.open(page);
                zh.put(page, labels(b));
            }
            b.screenshot("admin-dead-letters-zh");
            b.click("#lang-en");
            assertThat(b.find("html").getDomAttribute("lang")).isEqualTo("en");
            Map<String, List<String>> en = new LinkedHashMap<>();
            for (String page : pages) {
                b.open(page);
                en.put(page, labels(b));
                if (page.equals("/console")) {
                    b.screenshot("admin-overview-en");
                }
            }
            for (String page : pages) {
                assertThat(zh.get(page)).as("labels of %s in zh", page).isNotEmpty()
                        .allSatisfy(label -> assertThat(!LETTER.matcher(label).find() || HAN.matcher(label).find())
                                .as("%s on %s has Chinese", label, page).isTrue());
                assertThat(en.get(page)).as("labels of %s in en", page).hasSameSizeAs(zh.get(page))
                        .allSatisfy(label -> assertThat(label).as("on %s", page).doesNotContainPattern(HAN));
            }
            b.click("#lang-zh");
            assertThat(b.find("html").getDomAttribute("lang")).isEqualTo("zh-CN");
        }
    }

    /** What a person reads as the page's labels: the menu, headings, table headers, buttons, field labels. */
    private static List<String> labels(ConsoleBrowser b) {
        List<String> labels = new ArrayList<>();
        for (String css : List.of("nav#menu a", "h1", "h2", "th", "button", "label", "dt")) {
            labels.addAll(b.visibleTexts(css));
        }
        return labels;
    }

    // ---- (f) a POST without the page's CSRF token does nothing

    @Test
    void shouldRefuseAndDoNothingWhenAConsolePostLacksTheCsrfToken() throws IOException {
        try (ConsoleBrowser b = browser("auditor-a")) {
            b.open("/console/audit");
            int checkpoints = b.all("table#checkpoints tbody tr").size();
            // a script in a console page cannot even send it: the pages' Content-Security-Policy forbids fetch
            ConsoleBrowser.Answer fromScript = b.scriptPost("/console/audit/checkpoint", form("csrf", b.csrf()));
            assertThat(fromScript.status()).as(fromScript.body()).isEqualTo(-1);
            ConsoleBrowser.Answer forged = b.post("/console/audit/checkpoint", form());
            assertThat(forged.status()).as(forged.body()).isEqualTo(403);
            assertThat(forged.body()).contains("id=\"forbidden\"");
            b.open("/console/audit");
            assertThat(b.all("table#checkpoints tbody tr")).hasSize(checkpoints);
            // the control: the same POST with the page's token signs one
            ConsoleBrowser.Answer signed = b.post("/console/audit/checkpoint", form("csrf", b.csrf()));
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            b.open("/console/audit");
            assertThat(b.all("table#checkpoints tbody tr")).hasSize(checkpoints + 1);
        }
    }

    @Test
    void shouldRefuseAReplayWhenItsPostLacksTheCsrfToken() throws IOException {
        try (ConsoleBrowser b = browser("operator-a")) {
            b.open("/console/messages/" + untouched);
            ConsoleBrowser.Answer dryRun = b.post("/console/replay/dry-run", form("ids", untouched, "scope", "selected"));
            assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(403);
            assertThat(dryRun.body()).contains("id=\"forbidden\"");
            ConsoleBrowser.Answer replay = b.post("/console/replay", form("ids", untouched, "reason", "forged"));
            assertThat(replay.status()).as(replay.body()).isEqualTo(403);
            assertThat(replay.body()).contains("id=\"forbidden\"");
            // the control: with the page's token the dry run is shown
            ConsoleBrowser.Answer withToken = b.post("/console/replay/dry-run",
                    form("csrf", b.csrf(), "ids", untouched, "scope", "selected"));
            assertThat(withToken.status()).as(withToken.body()).isEqualTo(200);
            assertThat(withToken.body()).contains("dry-run-count");
        }
        assertThat(status(untouched)).isEqualTo("FAILED");
    }

    // ---- narrow screens: tables scroll in their frame, the page does not

    @Test
    void shouldNotScrollThePageSidewaysWhenTheWindowIs1024PixelsWide() throws IOException {
        try (ConsoleBrowser b = browser("operator-a")) {
            b.width(1024);
            b.open("/console");
            assertThat(b.scrollsSideways()).as("overview at 1024 px").isFalse();
            b.screenshot("operator-overview-1024-zh");
            b.open("/console/messages?window=P30D");
            assertThat(b.present("table#messages")).isTrue();
            assertThat((Boolean) b.driver().executeScript(
                    "return document.querySelector('table#messages').closest('.table-wrap') !== null")).isTrue();
            assertThat(b.scrollsSideways()).as("messages at 1024 px").isFalse();
            b.screenshot("operator-messages-1024-zh");
        }
    }
}
