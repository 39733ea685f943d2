package org.exchangenode.testsupport.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One node as an installer runs it: the packaged application in its own JVM, with its own data directory, keys and
 * database, configured with the same properties as the README's overlay files.
 */
public final class NodeLauncher implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String nodeId;
    private final int httpPort;
    private final Path dataDir;
    private final Path app;
    private final Map<String, String> properties = new LinkedHashMap<>();
    /** The JVM options the README recommends and the systemd unit and demo.sh use. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:+UseParallelGC");
    /**
     * Added for the tests' nodes, which live for seconds: the quick compiler alone compiles what a short run needs
     * for a fraction of the CPU the optimising one spends before it pays off ({@link #asInstalled()} leaves it out).
     */
    public static final List<String> SHORT_LIVED_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");
    private boolean shortLived = true;
    private BooleanSupplier readiness;
    private Process process;

    /**
     * @param root the repository root (for the packaged app and the TEST ONLY sample certificates)
     * @param workDir where this node's data directory and log go
     */
    public NodeLauncher(Path root, String nodeId, Path workDir, String brokerUrl, List<String> peers) throws IOException {
        this.nodeId = nodeId;
        this.httpPort = ArtemisServer.freePort();
        this.dataDir = workDir.resolve(nodeId).toAbsolutePath();
        // -Dexn.node.app=<dir>/quarkus-run.jar runs another build (e.g. a copy of the code before a change, for
        // alternating benchmark runs)
        this.app = Path.of(System.getProperty("exn.node.app",
                root.resolve("routes/target/quarkus-app/quarkus-run.jar").toString())).toAbsolutePath();
        Path certs = root.resolve("certs-sample").toAbsolutePath();
        properties.put("node.id", nodeId);
        properties.put("node.data-dir", dataDir.toString());
        properties.put("node.keys.private-key", certs.resolve(nodeId).resolve("node.key.pem").toString());
        properties.put("node.keys.certificate", certs.resolve(nodeId).resolve("node.crt.pem").toString());
        properties.put("node.trust.anchors", certs.resolve("root-ca.crt.pem").toString());
        properties.put("node.calendar.dir", root.resolve("config/calendar").toAbsolutePath().toString());
        properties.put("node.broker.url", brokerUrl);
        properties.put("quarkus.http.port", String.valueOf(httpPort));
        for (String peer : peers) {
            properties.put("node.peers.\"" + peer + "\".name", "Agency " + peer);
        }
        properties.put("quarkus.security.users.embedded.users." + SUBMITTER, userHash(SUBMITTER, SUBMITTER_PASSWORD));
        properties.put("quarkus.security.users.embedded.roles." + SUBMITTER, "submitter");
    }

    /** The TEST ONLY user of the local system (role submitter) every launched node has. */
    public static final String SUBMITTER = "local-system-test";
    public static final String SUBMITTER_PASSWORD = "local-system-test-password";

    /** The Authorization header of {@link #SUBMITTER}. */
    public static String submitterAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((SUBMITTER + ":" + SUBMITTER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** What the node's realm stores for a user: hex SHA-256 of "name:exchange-node:password". */
    public static String userHash(String name, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((name + ":exchange-node:" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the node with exactly the JVM options of an installed node ({@link #JVM_OPTIONS}), for the benchmarks: the
     * optimising compiler too, whose compiling is paid once after each start, not for every letter.
     */
    public NodeLauncher asInstalled() {
        this.shortLived = false;
        return this;
    }

    /** Sets (or overrides) one configuration property before start. */
    public NodeLauncher with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Uses PostgreSQL in a schema of its own instead of the H2 file. */
    public NodeLauncher onPostgres(String url, String user, String schema) {
        return with("node.database.kind", "postgresql").with("node.database.url", url)
                .with("node.database.user", user).with("node.database.schema", schema);
    }

    /**
     * Asks {@code check} instead of {@code /q/health/ready} over plain HTTP whether the node is ready: for a node that
     * serves HTTPS only ({@code quarkus.http.insecure-requests=disabled}), whose plain port does not answer.
     */
    public NodeLauncher readyWhen(BooleanSupplier check) {
        this.readiness = check;
        return this;
    }

    /** Starts the JVM and waits until the node reports ready (database and broker up). */
    public NodeLauncher start() throws IOException, InterruptedException {
        if (!Files.isRegularFile(app)) {
            throw new IllegalStateException(app + " is missing: build the application first (mvn install -DskipTests)");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_OPTIONS);
        if (shortLived) {
            command.addAll(SHORT_LIVED_JVM_OPTIONS);
        }
        // e.g. -Dexn.node.jvm-options="-XX:StartFlightRecording=filename=node.jfr" to profile the nodes
        String extra = System.getProperty("exn.node.jvm-options", "").replace("{node}", nodeId);
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.toString());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + nodeId + " exited with " + process.exitValue() + "; see " + log());
            }
            if (readiness == null ? ready() : readiness.getAsBoolean()) {
                return this;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("node " + nodeId + " not ready within 90 s; see " + log());
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public int httpPort() {
        return httpPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The node process's id (while it runs). */
    public long pid() {
        return process.pid();
    }

    /** CPU time the node process has used so far. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public Path log() {
        return dataDir.resolve("node.log");
    }

    /** Kills the node without warning (SIGKILL, as {@code kill -9}): nothing of it runs on. {@link #start} again restarts it. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Stops the node as an operator would (SIGTERM, graceful shutdown), forcibly after 30 seconds. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
