package org.exchangenode.testsupport.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server as an operator runs it: the Debian package's {@code /usr/bin/prometheus} (2.42; the system
 * property {@code exn.prometheus.binary} names another) in its own process, on a free loopback port, with a fresh
 * database, scraping the given targets and evaluating the given rule files. It reaches nothing but its targets: no
 * Alertmanager, no remote read or write, no service discovery. Its output goes to {@code prometheus.log} in the
 * directory given; its HTTP API is read for series, alerts and rules.
 */
public final class PrometheusServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scrape target: host:port, and the labels Prometheus gives its series (e.g. {@code node}). */
    public record Target(String address, Map<String, String> labels) {
    }

    /**
     * One scrape job. With {@code honorLabels} a label the target exports itself (a node's meters carry {@code node})
     * is kept, not renamed {@code exported_<name>} when the target's labels have it too. With a {@link Login} the
     * targets are scraped over HTTPS as a user, as {@code config/monitoring/prometheus.yml}'s production lines do.
     */
    public record Job(String name, String metricsPath, boolean honorLabels, List<Target> targets, Login login) {
        public Job(String name, String metricsPath, boolean honorLabels, List<Target> targets) {
            this(name, metricsPath, honorLabels, targets, null);
        }
    }

    /** HTTPS trusting {@code caFile}, basic authentication as {@code username} with the password in a file. */
    public record Login(Path caFile, String username, Path passwordFile) {
    }

    /** One element of an instant vector. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** A pending or firing alert as {@code /api/v1/alerts} lists it; resolved alerts are not listed. */
    public record Alert(Map<String, String> labels, String state, Instant activeAt) {
        public String name() {
            return labels.get("alertname");
        }

        public boolean firing() {
            return "firing".equals(state);
        }
    }

    /**
     * A loaded rule as {@code /api/v1/rules} shows it: the expression as Prometheus parsed it, its {@code for}, its
     * annotations (templates, which may query too), and whether its last evaluation failed.
     */
    public record Rule(String group, String name, String type, String query, Duration duration,
            Map<String, String> annotations, String health, String lastError) {
    }

    private final Path dir;
    private final int port;
    private final Process process;

    /**
     * Starts the server and waits until {@code /-/ready}.
     *
     * @param dir a directory for the configuration, the log and a fresh database (created when missing)
     * @param interval the scrape and the rule evaluation interval
     */
    public PrometheusServer(Path dir, Duration interval, List<Path> ruleFiles, Job... jobs)
            throws IOException, InterruptedException {
        Path binary = Path.of(System.getProperty("exn.prometheus.binary", "/usr/bin/prometheus"));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no Prometheus server at " + binary + ": install the Debian package with "
                    + "`apt-get install -y prometheus` (or name the binary with -Dexn.prometheus.binary)");
        }
        this.dir = dir.toAbsolutePath();
        Files.createDirectories(this.dir);
        Path config = this.dir.resolve("prometheus.yml");
        Files.writeString(config, config(interval, ruleFiles, jobs), StandardCharsets.UTF_8);
        Path data = Files.createTempDirectory(this.dir, "tsdb-");
        this.port = ArtemisServer.freePort();
        String address = "127.0.0.1:" + port;
        process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=1d",
                "--web.listen-address=" + address,
                "--web.external-url=http://" + address + "/",
                "--log.level=info")
                .directory(this.dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + "; see " + log());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("Prometheus not ready within 30 s; see " + log());
            }
            Thread.sleep(200);
        }
    }

    /** The configuration: one global interval, the rule files, static targets only. */
    private static String config(Duration interval, List<Path> ruleFiles, Job... jobs) {
        String every = interval.toMillis() + "ms";
        StringBuilder yaml = new StringBuilder("global:\n")
                .append("  scrape_interval: ").append(every).append('\n')
                .append("  scrape_timeout: ").append(every).append('\n')
                .append("  evaluation_interval: ").append(every).append('\n')
                .append(ruleFiles.isEmpty() ? "rule_files: []\n" : "rule_files:\n");
        for (Path file : ruleFiles) {
            yaml.append("  - ").append(quoted(file.toAbsolutePath().toString())).append('\n');
        }
        yaml.append("scrape_configs:\n");
        for (Job job : jobs) {
            yaml.append("  - job_name: ").append(quoted(job.name())).append('\n')
                    .append("    metrics_path: ").append(quoted(job.metricsPath())).append('\n')
                    .append("    honor_labels: ").append(job.honorLabels()).append('\n');
            if (job.login() != null) {
                yaml.append("    scheme: https\n")
                        .append("    tls_config:\n")
                        .append("      ca_file: ").append(quoted(job.login().caFile().toAbsolutePath().toString())).append('\n')
                        .append("    basic_auth:\n")
                        .append("      username: ").append(quoted(job.login().username())).append('\n')
                        .append("      password_file: ")
                        .append(quoted(job.login().passwordFile().toAbsolutePath().toString())).append('\n');
            }
            yaml.append("    static_configs:\n");
            for (Target target : job.targets()) {
                List<String> labels = new ArrayList<>();
                target.labels().forEach((name, value) -> labels.add(quoted(name) + ": " + quoted(value)));
                yaml.append("      - targets: [").append(quoted(target.address())).append("]\n")
                        .append("        labels: {").append(String.join(", ", labels)).append("}\n");
            }
        }
        return yaml.toString();
    }

    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private boolean ready() {
        try {
            return HTTP.send(request("/-/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return dir.resolve("prometheus.log");
    }

    /** Evaluates an instant query now ({@code /api/v1/query}); the result must be a vector. */
    public List<Sample> query(String promql) {
        JsonNode data = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"vector".equals(data.path("resultType").asText())) {
            throw new IllegalStateException("the query gave a " + data.path("resultType").asText() + ", not a vector");
        }
        List<Sample> samples = new ArrayList<>();
        for (JsonNode element : data.path("result")) {
            samples.add(new Sample(labels(element.path("metric")), Double.parseDouble(element.path("value").get(1).asText())));
        }
        return samples;
    }

    /** The pending and firing alerts ({@code /api/v1/alerts}). */
    public List<Alert> alerts() {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : get("/api/v1/alerts").path("alerts")) {
            alerts.add(new Alert(labels(alert.path("labels")), alert.path("state").asText(),
                    alert.hasNonNull("activeAt") ? Instant.parse(alert.path("activeAt").asText()) : null));
        }
        return alerts;
    }

    /** Every loaded rule of every group ({@code /api/v1/rules}). */
    public List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : get("/api/v1/rules").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new Rule(group.path("name").asText(), rule.path("name").asText(), rule.path("type").asText(),
                        rule.path("query").asText(), Duration.ofMillis(Math.round(rule.path("duration").asDouble() * 1000)),
                        labels(rule.path("annotations")), rule.path("health").asText(), rule.path("lastError").asText("")));
            }
        }
        return rules;
    }

    /** The names of every series stored so far ({@code /api/v1/label/__name__/values}). */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        get("/api/v1/label/__name__/values").forEach(name -> names.add(name.asText()));
        return names;
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = HTTP.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new IllegalStateException("Prometheus answered " + response.statusCode() + " ("
                        + body.path("errorType").asText() + ": " + body.path("error").asText() + ") to "
                        + pathAndQuery.replaceFirst("\\?.*", ""));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus did not answer; see " + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Prometheus", e);
        }
    }

    private HttpRequest request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).timeout(Duration.ofSeconds(5)).build();
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }

    /** Stops the server (SIGTERM, it closes its database), forcibly after 20 seconds. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
