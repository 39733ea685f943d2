package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk replay of 250 FAILED messages against a stand-in node: a hundred at a time, with plain progress lines when
 * the output is not a terminal and a bar redrawn in place when it is; the skipped are summarised with why.
 */
class BulkReplayProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKIPPED = "m-150";

    @TempDir
    Path dir;
    private FakeNode node;
    private String password;

    @BeforeEach
    void start() throws Exception {
        password = Files.writeString(dir.resolve("password"), "secret\n").toString();
        String failed = IntStream.rangeClosed(1, 250).mapToObj(i -> "{\"messageId\":\"m-" + i + "\",\"status\":\"FAILED\"}")
                .reduce((a, b) -> a + "," + b).map(list -> "[" + list + "]").orElseThrow();
        String letters = IntStream.rangeClosed(1, 120).mapToObj(i -> "{\"brokerId\":\"ID:d-" + i + "\"}")
                .reduce((a, b) -> a + "," + b).map(list -> "[" + list + "]").orElseThrow();
        node = new FakeNode().answer("GET /api/v1/operations/failed", failed)
                .answer("POST /api/v1/operations/replay", request -> summary(request, "messageIds"))
                .answer("GET /api/v1/operations/dead-letters", letters)
                .answer("POST /api/v1/operations/dead-letters/replay", request -> summary(request, "ids"));
    }

    /** What the node answers for one chunk: every id replayed but {@link #SKIPPED}. */
    private static String summary(FakeNode.Request request, String field) {
        try {
            JsonNode body = JSON.readTree(request.body());
            List<String> replayed = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            body.path(field).forEach(id -> (id.asText().equals(SKIPPED) ? skipped : replayed).add(id.asText()));
            return JSON.writeValueAsString(java.util.Map.of("dryRun", body.path("dryRun").asBoolean(), "matched",
                    replayed.size() + skipped.size(), "replayed", replayed, "skipped",
                    skipped.stream().map(id -> java.util.Map.of("id", id, "why", "not FAILED any more")).toList()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun run(boolean terminal, String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--node", node.url(), "--user", "operator-li",
                "--password-file", password));
        args.addAll(List.of(rest));
        return CliRun.of(terminal, args.toArray(String[]::new));
    }

    @Test
    void shouldPrintAPlainLinePerHundredWhenTheOutputIsNotATerminal() throws Exception {
        CliRun run = run(false, "replay", "--peer", "440300", "--reason", "440300 back after maintenance");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "250 FAILED message(s) match the filter",
                "replayed 100/250 (skipped 0)",
                "replayed 199/250 (skipped 1)",
                "replayed 249/250 (skipped 1)",
                "summary: 250 matched, 249 replayed, 1 skipped",
                "  skipped m-150: not FAILED any more", ""));
        List<FakeNode.Request> posts = node.requests("POST /api/v1/operations/replay");
        assertThat(posts).hasSize(3);
        assertThat(posts.stream().map(p -> read(p).path("messageIds").size())).containsExactly(100, 100, 50);
        assertThat(read(posts.get(0)).path("reason").asText()).isEqualTo("440300 back after maintenance");
    }

    @Test
    void shouldRedrawOneLineWithBarRateAndCountWhenTheOutputIsATerminal() {
        CliRun run = run(true, "replay", "--peer", "440300", "--reason", "440300 back after maintenance", "--dry-run");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("\rdry run [############                  ] 100/250  ",
                "\rdry run [##############################] 250/250  ", "/s (would replay 249, skipped 1)")
                .doesNotContain("would replay 100/250")
                .contains("\u001b[K\nsummary: 250 matched, 249 would be replayed (dry run: nothing changed), 1 skipped");
    }

    /**
     * The real entry point decides by itself: under a pseudo-terminal ({@code script}, util-linux) it draws the bar; with
     * its output piped it prints the plain lines. The in-process runs above are told which one they are.
     */
    @Test
    void shouldDrawTheBarUnderAPseudoTerminalAndPlainLinesWhenPiped() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), ExchangeNodeCli.class.getName(), "replay", "--node", node.url(),
                "--user", "operator-li", "--password-file", password, "--peer", "440300", "--reason", "pty check",
                "--dry-run"));

        String piped = output(new ProcessBuilder(command));
        String shell = command.stream().map(word -> "'" + word.replace("'", "'\\''") + "'")
                .reduce((a, b) -> a + " " + b).orElseThrow();
        String terminal = output(new ProcessBuilder("script", "-qec", shell, "/dev/null"));

        assertThat(piped).contains("would replay 100/250 (skipped 0)").doesNotContain("\r", "[#");
        assertThat(terminal).contains("\rdry run [############                  ] 100/250  ", "/s",
                "\rdry run [##############################] 250/250  ").doesNotContain("would replay 100/250");
    }

    private static String output(ProcessBuilder builder) throws Exception {
        Process process = builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void shouldListTheDeadLettersFirstAndMoveThemBackAHundredAtATime() {
        CliRun run = run(false, "replay-dead-letters", "--reason", "inbox database back");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("120 dead letter(s) on the queue", "moved 100/120 (skipped 0)", "moved 120/120 (skipped 0)", "summary: 120 matched, 120 replayed, 0 skipped");
        assertThat(node.requests("POST /api/v1/operations/dead-letters/replay").stream()
                .map(p -> read(p).path("ids").size())).containsExactly(100, 20);
    }

    @Test
    void shouldShowTheRateAndTheTimeLeftFromTheClock() {
        AtomicLong nanos = new AtomicLong();
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), true, "replay", 250, nanos::get);

        nanos.set(10_000_000_000L);
        assertThat(progress.line(100, "")).isEqualTo("replay [############                  ] 100/250  10.0/s  0:15 left");
        nanos.set(4_000_000_000_000L);
        assertThat(progress.line(200, "")).endsWith("0.1/s  16:40 left");
        nanos.set(40_000_000_000_000L);
        assertThat(progress.line(200, "")).endsWith("  2:46:40 left");
    }

    private static JsonNode read(FakeNode.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
