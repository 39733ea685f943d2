package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.exchangenode.core.audit.AuditArchiveWriter;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.signing.NodeCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as auditors and operators use it; archives are signed with the TEST ONLY sample PKI. */
class ExchangeNodeCliTest {
    private static final Path CERTS = Path.of("../certs-sample");
    private static final String ANCHORS = CERTS.resolve("root-ca.crt.pem").toString();

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path archive;

    private int run(String... args) {
        return ExchangeNodeCli.run(Arrays.asList(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void writeArchive() throws Exception {
        NodeCredentials node = NodeCredentials.load(CERTS.resolve("320100/node.key.pem"),
                CERTS.resolve("320100/node.crt.pem"));
        List<AuditEntry> entries = new ArrayList<>();
        AuditEntry last = null;
        for (int i = 1; i <= 3; i++) {
            last = AuditChain.next(last, Instant.now().truncatedTo(ChronoUnit.MILLIS), AuditKind.OPERATOR_ACTION,
                    null, "operator-" + i, "action " + i, ("record " + i).getBytes(StandardCharsets.UTF_8));
            entries.add(last);
        }
        archive = dir.resolve("export.zip");
        try (OutputStream file = Files.newOutputStream(archive); AuditArchiveWriter writer = new AuditArchiveWriter(file)) {
            for (AuditEntry entry : entries) {
                writer.entry(entry, ("record " + entry.sequence()).getBytes(StandardCharsets.UTF_8));
            }
            writer.checkpoint(Checkpoint.sign(node, last, Instant.now()));
            writer.finish("export", "320100", AuditChain.GENESIS, Instant.now(), "auditor-test");
        }
    }

    @Test
    void shouldPrintTheSummaryAndExitZeroForAnIntactArchive() {
        assertThat(run("audit-verify", "--anchors", ANCHORS, archive.toString())).isZero();

        assertThat(output()).contains("archive      export of node 320100: entries 1..3")
                .contains("entries      3 checked (sequence 1..3)")
                .contains("checkpoints  1 verified")
                .contains("chain start  the node's first entry (genesis)")
                .contains("RESULT       INTACT");
    }

    @Test
    void shouldPrintTheFirstBreakAndExitOneForACutArchive() throws Exception {
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(whole, whole.length - 100));

        assertThat(run("audit-verify", "--anchors", ANCHORS, archive.toString())).isEqualTo(1);

        assertThat(output()).contains("RESULT       BROKEN at sequence 0 in export.zip")
                .contains("export.zip is not a complete archive (cut or damaged");
    }

    @Test
    void shouldExitTwoNamingTheProblemOfAnUnusableCommandLine() {
        assertThat(run("audit-verify", archive.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --anchors is required");

        assertThat(run("audit-verify", "--anchors", ANCHORS, dir.resolve("missing.zip").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("missing.zip does not exist");

        assertThat(run("audit-verify", "--anchors", dir.resolve("nothing.pem").toString(), archive.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--anchors:");

        assertThat(run("audit-export", "--node", "http://127.0.0.1:1", "--user", "a", "--out", "x.zip")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("give exactly one of --password-env VARIABLE or --password-file FILE");

        assertThat(run("audit-export", "--node", "localhost:8080")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --node must be the node's base URL");

        assertThat(run("verfy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'verfy' (commands: keygen, csr, import-cert, trust, "
                + "sample-ca-create, sample-ca-issue, doctor, audit-export, audit-verify, counts, failed, inspect, replay, quarantine, reverify, dead-letters, replay-dead-letters, ping, replay-requests, replay-approve, replay-reject)");
    }

    @Test
    void shouldRefuseAnOperatorActionWithoutAReasonBeforeCallingTheNode() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "secret\n");

        assertThat(run("replay", "--node", "http://127.0.0.1:1", "--user", "op", "--password-file", password.toString(),
                "--peer", "440300")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --reason is required");

        assertThat(run("replay", "--node", "http://127.0.0.1:1", "--user", "op", "--password-file", password.toString(),
                "--reason", "x", "--dry-run=yes")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("option --dry-run takes no value");

        assertThat(run("inspect", "--node", "http://127.0.0.1:1", "--user", "op", "--password-file", password.toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give exactly one MESSAGE-ID");
    }

    @Test
    void shouldReportAnUnreachableNodeForAnOperatorCommand() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "secret\n");

        assertThat(run("failed", "--node", "http://127.0.0.1:1", "--user", "op", "--password-file", password.toString()))
                .isEqualTo(1);
        assertThat(output()).contains("cannot reach http://127.0.0.1:1").doesNotContain("null");
    }

    @Test
    void shouldReportAnUnreachableNodeWithoutWritingTheTarget() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "secret\n");
        Path target = dir.resolve("out.zip");

        assertThat(run("audit-export", "--node", "http://127.0.0.1:1", "--user", "auditor", "--password-file",
                password.toString(), "--out", target.toString())).isEqualTo(1);

        assertThat(output()).contains("export failed: cannot reach http://127.0.0.1:1").doesNotContain("null");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("out.zip.partial")).doesNotExist();
    }

    /** A node configuration file of the sample PKI, as an installer writes it. */
    private Path config(String nodeId, String keysOf) throws Exception {
        Path file = dir.resolve("node-" + nodeId + ".properties");
        Files.writeString(file, String.join("\n",
                "node.id=" + nodeId,
                "node.data-dir=" + dir.resolve("data"),
                "node.keys.private-key=" + CERTS.resolve(keysOf + "/node.key.pem"),
                "node.keys.certificate=" + CERTS.resolve(keysOf + "/node.crt.pem"),
                "node.trust.anchors=" + ANCHORS,
                "node.calendar.dir=../config/calendar",
                "node.directory.file=../config/directory/directory.json",
                "node.directory.authority-certificate=" + CERTS.resolve("network-authority.crt.pem"),
                "node.broker.embedded.port=1"), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldFindASampleInstallationReadyLineByLine() throws Exception {
        // the calendar as on a day of the last shipped year: present, and the next year still to add
        int exit = run("doctor", "--config", config("320100", "320100").toString(), "--date", "2026-06-01");

        assertThat(output()).contains("OK    config", "OK    certificate  key matches certificate", "OK    trust",
                "WARN  crls", "OK    directory    version 1, 3 nodes, signed by", "OK    broker", "OK    database",
                "WARN  calendar     years 2025–2026 in ../config/calendar: add 2027.properties");
        assertThat(output()).doesNotContain("FAIL");
        assertThat(exit).as(output()).isEqualTo(ExchangeNodeCli.OK);
    }

    @Test
    void shouldFailWhenTheCalendarOfTheYearIsMissing() throws Exception {
        int exit = run("doctor", "--config", config("320100", "320100").toString(), "--date", "2027-01-04");

        assertThat(output()).contains("FAIL  calendar     years 2025–2026 in ../config/calendar: no calendar for this year 2027");
        assertThat(exit).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(run("doctor", "--config", config("320100", "320100").toString(), "--date", "4 January"))
                .isEqualTo(ExchangeNodeCli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--date must be a day such as");
    }

    @Test
    void shouldNeverPrintABrokerOrDatabaseSecretWhenCheckingTheConnections() throws Exception {
        Path config = config("320100", "320100");
        Files.writeString(config, String.join("\n", "",
                "node.broker.url=tcp://127.0.0.1:1?sslEnabled=true&trustStorePath=/etc/t.p12&trustStorePassword=Url-Tr5t-s3cret",
                "node.broker.user=node-320100",
                "node.broker.password=Br0ker-s3cret",
                "node.broker.key-store-password=K3y-s3cret",
                "node.database.kind=postgresql",
                "node.database.url=jdbc:postgresql://127.0.0.1:1/exn?user=exn&password=Pg-s3cret"),
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        int exit = run("doctor", "--config", config.toString());

        assertThat(exit).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(output()).contains("FAIL  broker", "trustStorePassword=***", "FAIL  database", "password=***")
                .doesNotContain("Url-Tr5t-s3cret", "Br0ker-s3cret", "K3y-s3cret", "Pg-s3cret");
    }

    @Test
    void shouldFailWhenTheKeysBelongToAnotherNode() throws Exception {
        int exit = run("doctor", "--config", config("440300", "320100").toString());

        assertThat(exit).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(output()).contains("FAIL  key          the certificate names node 320100, node.id is 440300",
                "FAIL  directory", "does not list this node's certificate");
        assertThat(output()).contains("RESULT ");
    }

    @Test
    void shouldTakeANewNodeFromNothingToACheckedInstallation() throws Exception {
        Path key = dir.resolve("etc/node.key.pem");
        assertThat(run("keygen", "--out", key.toString())).as(output()).isZero();
        assertThat(java.nio.file.Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(run("keygen", "--out", key.toString())).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(output()).contains("is never overwritten");

        Path csr = dir.resolve("etc/node.csr.pem");
        assertThat(run("csr", "--key", key.toString(), "--node-id", "330100", "--agency", "杭州市社会保险管理服务中心",
                "--out", csr.toString())).isZero();
        Path issued = dir.resolve("issued.pem");
        assertThat(run("sample-ca-issue", "--csr", csr.toString(), "--ca-cert", ANCHORS, "--ca-key",
                CERTS.resolve("root-ca.key.pem").toString(), "--out", issued.toString())).isZero();

        Path roots = dir.resolve("etc/roots.pem");
        assertThat(run("trust", "add", ANCHORS, "--anchors", roots.toString())).isZero();
        assertThat(run("trust", "add", CERTS.resolve("320100/node.crt.pem").toString(), "--anchors", roots.toString()))
                .isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(output()).contains("is not a self-signed CA certificate");
        assertThat(run("trust", "list", "--anchors", roots.toString())).isZero();
        assertThat(output()).contains("1 trust anchor(s)");

        Path certificate = dir.resolve("etc/node.crt.pem");
        assertThat(run("import-cert", "--key", CERTS.resolve("320100/node.key.pem").toString(), "--cert", issued.toString(),
                "--anchors", roots.toString(), "--out", certificate.toString())).isEqualTo(ExchangeNodeCli.BROKEN);
        assertThat(output()).contains("does not belong to this key");
        assertThat(certificate).doesNotExist();
        assertThat(run("import-cert", "--key", key.toString(), "--cert", issued.toString(), "--anchors", roots.toString(),
                "--out", certificate.toString())).as(output()).isZero();
        assertThat(output()).contains("certificate of node 330100");

        Path config = dir.resolve("etc/node.properties");
        Files.writeString(config, String.join("\n", "node.id=330100", "node.data-dir=" + dir.resolve("data"),
                "node.keys.private-key=" + key, "node.keys.certificate=" + certificate, "node.trust.anchors=" + roots,
                "node.calendar.dir=../config/calendar", "node.peers.\"440300\".name=深圳", "node.broker.embedded.port=1"));
        int doctor = run("doctor", "--config", config.toString(), "--date", "2026-06-01");
        assertThat(output()).contains("OK    certificate  key matches certificate", "OK    trust        1 anchor(s)",
                "OK    directory    1 peer(s) from node.peers").doesNotContain("FAIL");
        assertThat(doctor).as(output()).isEqualTo(ExchangeNodeCli.OK);
    }

    @Test
    void shouldAddListAndRemoveACrlOfTheAnchors() throws Exception {
        var root = org.exchangenode.core.pki.PemFiles.readCertificates(CERTS.resolve("root-ca.crt.pem")).get(0);
        var ca = new org.exchangenode.core.pki.SamplePkiGenerator.Issued(new java.security.KeyPair(root.getPublicKey(),
                org.exchangenode.core.pki.PemFiles.readPrivateKey(CERTS.resolve("root-ca.key.pem"))), root);
        Path crl = dir.resolve("root.crl");
        Files.write(crl, org.exchangenode.core.pki.SamplePkiGenerator.crl(ca, List.of(java.math.BigInteger.TEN),
                Instant.now(), Instant.now(), Instant.now().plus(java.time.Duration.ofDays(7))).getEncoded());
        Path crls = dir.resolve("crls");

        assertThat(run("trust", "add-crl", crl.toString(), "--anchors", ANCHORS, "--crls", crls.toString())).as(output()).isZero();
        assertThat(run("trust", "list-crls", "--anchors", ANCHORS, "--crls", crls.toString())).isZero();
        assertThat(output()).contains("1 revoked", "1 CRL(s) in");
        assertThat(run("trust", "remove-crl", "root.crl", "--crls", crls.toString())).isZero();
        assertThat(crls.resolve("root.crl")).doesNotExist();
        assertThat(run("trust", "remove-crl", "root.crl", "--crls", crls.toString())).isEqualTo(ExchangeNodeCli.BROKEN);
    }
}
