package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.NodeLauncher;
import org.exchangenode.testsupport.process.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node process serving its API over HTTPS as the README's "HTTPS and mutual TLS" sets it up (TEST ONLY material of
 * certs-sample/tls): the command line reaches it with {@code --ca-file} and is refused without it, and curl — an
 * ordinary TLS client — gets in as the local system with its client certificate, exactly as the README shows; a node
 * mapping certificates to roles without a CA to check them against does not start.
 */
class ApiHttpsIT {
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final Path TLS = NodeProcess.CERTS.resolve("tls");
    private static final String SCRAPER = "prometheus-it";
    private static final String SCRAPER_PASSWORD = "prometheus-it-password";
    private static NodeProcess node;
    private static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        httpsPort = ArtemisServer.freePort();
        node = new NodeProcess("320100", "api-https-" + RUN, "", List.of("440300"))
                .with("node.broker.embedded.port", String.valueOf(ArtemisServer.freePort()))
                .with("quarkus.http.ssl-port", String.valueOf(httpsPort))
                .with("quarkus.tls.key-store.pem.api.cert", TLS.resolve("api-server.crt.pem").toString())
                .with("quarkus.tls.key-store.pem.api.key", TLS.resolve("api-server.key.pem").toString())
                .with("quarkus.tls.trust-store.pem.certs", TLS.resolve("local-system-ca.crt.pem").toString())
                .with("quarkus.http.auth.certificate-role-properties",
                        NodeProcess.ROOT.resolve("config/demo/certificate-roles.properties").toString())
                // the production example's optional lines: the scraper logs in for /q/metrics (set at run time)
                .with("quarkus.http.auth.policy.monitoring.roles-allowed", "observer,admin")
                .with("quarkus.http.auth.permission.metrics.paths", "/q/metrics")
                .with("quarkus.http.auth.permission.metrics.policy", "monitoring")
                .with("quarkus.security.users.embedded.users." + SCRAPER, NodeLauncher.userHash(SCRAPER, SCRAPER_PASSWORD))
                .with("quarkus.security.users.embedded.roles." + SCRAPER, "observer")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        NodeProcess.closeAll(node);
    }

    private String https() {
        return "https://localhost:" + httpsPort;
    }

    @Test
    void shouldServeTheCommandLineOverHttpsTrustingItsCaFile() throws Exception {
        Cli.Run trusting = Cli.run(Map.of(), "counts", "--node", https(), "--ca-file",
                TLS.resolve("api-ca.crt.pem").toString(), "--user", NodeProcess.AUDITOR, "--password-env",
                "EXN_AUDIT_PASSWORD");
        Cli.Run untrusting = Cli.run(Map.of(), "counts", "--node", https(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD");
        Cli.Run plain = Cli.run(Map.of(), "counts", "--node", node.baseUrl(), "--ca-file",
                TLS.resolve("api-ca.crt.pem").toString(), "--user", NodeProcess.AUDITOR, "--password-env",
                "EXN_AUDIT_PASSWORD");

        System.out.println("counts over " + https() + " with --ca-file: exit " + trusting.exit() + "\n" + trusting.output());
        System.out.println("without --ca-file: exit " + untrusting.exit() + ": " + untrusting.output().strip());
        assertThat(trusting.exit()).as(trusting.output()).isZero();
        assertThat(untrusting.exit()).as("the JVM's trust store does not know the sample CA").isEqualTo(1);
        assertThat(plain.exit()).as(plain.output()).isEqualTo(2);
        assertThat(plain.output()).contains("--ca-file");
    }

    @Test
    void shouldLetCurlInAsTheLocalSystemByItsClientCertificate() throws Exception {
        Path headers = Files.createTempFile("curl-headers", ".txt");
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-D", headers.toString(), "-w", "%{http_code}",
                "--cacert", TLS.resolve("api-ca.crt.pem").toString(),
                "--cert", TLS.resolve("local-system-client.crt.pem").toString(),
                "--key", TLS.resolve("local-system-client.key.pem").toString(), https() + "/api/v1/cases")
                .redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String answer = Files.readString(headers);

        System.out.println("curl --cert local-system-client " + https() + "/api/v1/cases: " + status);
        assertThat(status).isEqualTo("200");
        assertThat(answer.toLowerCase()).contains("strict-transport-security: max-age=31536000")
                .contains("cache-control: no-store");
    }

    private static String status(String... curlArguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"));
        command.addAll(List.of(curlArguments));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return status;
    }

    /** The production example's optional lines, set when the node starts: metrics need a login, health does not. */
    @Test
    void shouldAskTheScraperToLogInWhenMetricsAreConfiguredSo() throws Exception {
        String anonymous = status(node.baseUrl() + "/q/metrics");
        String scraper = status("-u", SCRAPER + ":" + SCRAPER_PASSWORD, node.baseUrl() + "/q/metrics");
        String submitter = status("-u", NodeLauncher.SUBMITTER + ":" + NodeLauncher.SUBMITTER_PASSWORD,
                node.baseUrl() + "/q/metrics");
        String health = status(node.baseUrl() + "/q/health/live");

        System.out.println("/q/metrics behind a login: anonymous " + anonymous + ", observer " + scraper
                + ", submitter " + submitter + "; /q/health/live anonymous " + health);
        assertThat(anonymous).isEqualTo("401");
        assertThat(scraper).isEqualTo("200");
        assertThat(submitter).isEqualTo("403");
        assertThat(health).isEqualTo("200");
    }

    /**
     * The production scrape of {@code config/monitoring/prometheus.yml}: a real Prometheus logs in as the observer over
     * HTTPS, trusting the API's CA, and gets the node's meters; the same scrape with a wrong password gets none.
     */
    @Test
    void shouldBeScrapedByPrometheusOverHttpsAsTheObserver() throws Exception {
        Path dir = NodeProcess.WORK.resolve("api-https-" + RUN).resolve("prometheus");
        Files.createDirectories(dir);
        Path password = secret(dir.resolve("observer.password"), SCRAPER_PASSWORD);
        Path wrong = secret(dir.resolve("wrong.password"), SCRAPER_PASSWORD + "-wrong");
        PrometheusServer.Target target = new PrometheusServer.Target("localhost:" + httpsPort, Map.of("node", "320100"));
        Path ca = TLS.resolve("api-ca.crt.pem");
        try (PrometheusServer prometheus = new PrometheusServer(dir, Duration.ofSeconds(1), List.of(),
                new PrometheusServer.Job("exchange-node", "/q/metrics", true, List.of(target),
                        new PrometheusServer.Login(ca, SCRAPER, password)),
                new PrometheusServer.Job("wrong-password", "/q/metrics", true, List.of(target),
                        new PrometheusServer.Login(ca, SCRAPER, wrong)))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(prometheus.query("up{job=\"exchange-node\"}")).singleElement()
                        .satisfies(sample -> assertThat(sample.value()).isEqualTo(1));
                assertThat(prometheus.query("up{job=\"wrong-password\"}")).singleElement()
                        .satisfies(sample -> assertThat(sample.value()).isZero());
                assertThat(prometheus.query("exn_broker_up{job=\"exchange-node\",node=\"320100\"}")).hasSize(1);
            });
            assertThat(prometheus.query("exn_broker_up{job=\"wrong-password\"}")).isEmpty();
            System.out.println("Prometheus over https as the observer: up 1, exn_broker_up scraped; wrong password: up 0");
        }
    }

    private static Path secret(Path file, String password) throws IOException {
        Files.writeString(file, password);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /**
     * The production example's listener: HTTPS only ({@code quarkus.http.insecure-requests=disabled}). The node starts
     * and is ready over HTTPS, and its plain HTTP port takes no connection at all.
     */
    @Test
    void shouldServeOnlyHttpsAsTheProductionExampleSetsIt() throws Exception {
        int sslPort = ArtemisServer.freePort();
        String ready = "https://localhost:" + sslPort + "/q/health/ready";
        NodeLauncher httpsOnly = new NodeLauncher(NodeProcess.ROOT, "320100", NodeProcess.WORK.resolve("api-https-" + RUN
                + "-only"), "", List.of())
                .with("node.broker.embedded.port", String.valueOf(ArtemisServer.freePort()))
                .with("quarkus.http.ssl-port", String.valueOf(sslPort))
                .with("quarkus.http.insecure-requests", "disabled")
                .with("quarkus.tls.key-store.pem.api.cert", TLS.resolve("api-server.crt.pem").toString())
                .with("quarkus.tls.key-store.pem.api.key", TLS.resolve("api-server.key.pem").toString());
        httpsOnly.readyWhen(() -> {
            try {
                return status("--cacert", TLS.resolve("api-ca.crt.pem").toString(), ready).equals("200");
            } catch (Exception e) {
                return false;
            }
        });
        try (httpsOnly) {
            httpsOnly.start();
            String overHttps = status("--cacert", TLS.resolve("api-ca.crt.pem").toString(), ready);
            String overHttp = status(httpsOnly.baseUrl() + "/q/health/ready");

            System.out.println("HTTPS only: " + ready + " " + overHttps + ", " + httpsOnly.baseUrl()
                    + " (plain) " + overHttp);
            assertThat(overHttps).isEqualTo("200");
            assertThat(overHttp).as("curl's code for no answer on the plain port").isEqualTo("000");
        }
    }

    /** Starts a node mapping certificates to roles with HTTPS from {@code certKey}/{@code keyKey} and no CA: its log. */
    private static String refusedStart(String name, String certKey, String keyKey) throws Exception {
        NodeLauncher careless = new NodeLauncher(NodeProcess.ROOT, "320100", NodeProcess.WORK.resolve("api-https-" + RUN
                + "-" + name), "", List.of())
                .with("node.broker.embedded.port", String.valueOf(ArtemisServer.freePort()))
                .with("quarkus.http.ssl-port", String.valueOf(ArtemisServer.freePort()))
                .with(certKey, TLS.resolve("api-server.crt.pem").toString())
                .with(keyKey, TLS.resolve("api-server.key.pem").toString())
                .with("quarkus.http.auth.certificate-role-properties",
                        NodeProcess.ROOT.resolve("config/demo/certificate-roles.properties").toString());
        try (careless) {
            assertThatThrownBy(careless::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("exited");
        }
        return Files.readString(careless.log());
    }

    @Test
    void shouldRefuseToStartWhenCertificatesMapToRolesButNoCaIsTrusted() throws Exception {
        assertThat(refusedStart("no-trust", "quarkus.tls.key-store.pem.api.cert", "quarkus.tls.key-store.pem.api.key"))
                .contains("quarkus.http.auth.certificate-role-properties maps client certificates to roles, but "
                        + "quarkus.tls.trust-store names no CA of local systems");
        // the same with HTTPS set up the older way (quarkus.http.ssl.*), outside the TLS registry
        assertThat(refusedStart("no-trust-older", "quarkus.http.ssl.certificate.files",
                "quarkus.http.ssl.certificate.key-files"))
                .contains("quarkus.http.ssl.certificate.trust-store-file names no CA of local systems");
    }
}
