package org.exchangenode.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release archive as Maven made it: what an installer unpacks holds the runnable node and command line, the
 * configuration examples, the broker's configuration, the systemd unit with its limits, and the sample PKI marked TEST
 * ONLY, and no private key anywhere but there.
 */
class ReleaseArchiveIT {
    private static final Path ARCHIVE = Path.of(System.getProperty("exn.release.archive",
            "target/exchange-node.tar.gz"));
    private static final String ROOT = System.getProperty("exn.release.root", "exchange-node") + "/";
    /** Entry name (without the root directory) to its mode; the unit's and the notice's text. */
    private static final Map<String, Integer> ENTRIES = new TreeMap<>();
    private static final Map<String, String> TEXTS = new TreeMap<>();

    @BeforeAll
    static void list() throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(ARCHIVE));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.getName()).as("every entry under the one root directory").startsWith(ROOT);
                String name = entry.getName().substring(ROOT.length());
                ENTRIES.put(name, entry.getMode());
                if (name.endsWith(".service") || name.endsWith("TEST-ONLY-README")) {
                    TEXTS.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        System.out.printf("release archive %s: %d entries, %d bytes%n", ARCHIVE.getFileName(), ENTRIES.size(),
                Files.size(ARCHIVE));
    }

    @Test
    void shouldHoldTheNodeTheCommandLineAndTheConfiguration() {
        assertThat(ENTRIES).containsKeys("app/quarkus-run.jar", "app/quarkus/quarkus-application.dat",
                "cli/exchange-node-cli.jar", "README.md",
                "config/examples/production.properties",
                "config/broker/broker.xml", "config/broker/artemis-roles.properties",
                "config/calendar/2026.properties",
                "config/directory/directory.json", "config/directory/directory.json.sig",
                "config/systemd/exchange-node.service",
                "config/monitoring/exchange-node-alerts.yml", "config/monitoring/prometheus.yml",
                "config/monitoring/grafana/exchange-node.json", "config/monitoring/RUNBOOK.md");
        assertThat(ENTRIES.keySet()).as("the application's libraries").anyMatch(n -> n.startsWith("app/lib/main/"));
        assertThat(ENTRIES.keySet()).as("no demo configuration, no build leftovers")
                .noneMatch(n -> n.startsWith("config/demo/") || n.contains("/target/") || n.endsWith("pom.xml"));
    }

    @Test
    void shouldMarkTheSamplePkiTestOnlyAndHoldNoOtherPrivateKey() {
        assertThat(ENTRIES).containsKeys("certs-sample/TEST-ONLY-README", "certs-sample/regenerate.sh",
                "certs-sample/root-ca.crt.pem", "certs-sample/320100/node.key.pem");
        assertThat(TEXTS.get("certs-sample/TEST-ONLY-README")).startsWith("TEST ONLY");
        assertThat(ENTRIES.get("certs-sample/regenerate.sh") & 0111).as("regenerate.sh executable").isNotZero();
        long keys = ENTRIES.keySet().stream().filter(n -> n.endsWith(".key.pem") || n.endsWith(".p12")
                || n.endsWith(".jks")).peek(n -> assertThat(n).as("a private key outside certs-sample")
                .startsWith("certs-sample/")).count();
        System.out.println("release archive: " + keys + " TEST ONLY key files, all under certs-sample/");
    }

    @Test
    void shouldRunTheNodeUnderSystemdWithAMemoryLimitAndTheRecommendedJvmOptions() {
        String unit = TEXTS.get("config/systemd/exchange-node.service");
        assertThat(unit).contains("User=exchange-node", "WorkingDirectory=/var/lib/exchange-node",
                "EnvironmentFile=/etc/exchange-node/secrets.env", "MemoryMax=", "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+UseParallelGC",
                "-jar /opt/exchange-node/app/quarkus-run.jar", "Restart=on-failure",
                "NoNewPrivileges=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/exchange-node");
        assertThat(unit).as("no secret in the unit").doesNotContainPattern("(?i)password=");
        assertThat(unit).as("the optimising compiler is not switched off: a long-running node gains from it")
                .doesNotContain("TieredStopAtLevel");
    }
}
