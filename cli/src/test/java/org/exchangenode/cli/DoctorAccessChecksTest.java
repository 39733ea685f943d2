package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * doctor's checks of the production pieces, on real files and real brokers: the embedded broker's users and TLS key
 * store, the API's TLS material (expiry from key stores keytool makes at run time, dated from now) and users, and
 * which members of an HA broker URL answer. Every line names the key at fault and never a secret.
 */
class DoctorAccessChecksTest {
    private static final Path CERTS = Path.of("../certs-sample");
    /** hex SHA-256 of "clerk:exchange-node:clerk-demo-only" (config/demo) */
    private static final String DIGEST = "dac7a6e2485e21c91af938ac9f796a68cd279f62c5e1ad6f6e87baff071e0d8b";
    @TempDir
    Path dir;

    private CliRun doctor(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of("node.id=320100", "node.data-dir=" + dir.resolve("data"),
                "node.keys.private-key=" + CERTS.resolve("320100/node.key.pem"),
                "node.keys.certificate=" + CERTS.resolve("320100/node.crt.pem"),
                "node.trust.anchors=" + CERTS.resolve("root-ca.crt.pem"), "node.calendar.dir=../config/calendar",
                "node.peers.\"440300\".name=深圳"));
        all.addAll(List.of(lines));
        Path config = dir.resolve("node.properties");
        Files.writeString(config, String.join("\n", all), StandardCharsets.UTF_8);
        CliRun run = CliRun.of("doctor", "--config", config.toString(), "--date", "2026-06-01");
        System.out.print(run.out());
        return run;
    }

    @Test
    void shouldCheckEveryEmbeddedBrokerUserHasAPasswordAndAKnownName() throws Exception {
        CliRun run = doctor("node.broker.embedded.port=1",
                "node.broker.embedded.users.\"node-440300\".password=B-s3cret",
                "node.broker.embedded.users.\"node-510100\".password=${EXN_DOCTOR_TEST_UNSET_VARIABLE}",
                "node.broker.embedded.users.guest.password=G-s3cret");

        assertThat(run.out()).contains(
                "FAIL  broker-users node.broker.embedded.users.\"node-510100\".password is empty",
                "FAIL  broker-users node.broker.embedded.users.guest.password: not a user of the embedded broker",
                "OK    broker-tls   embedded broker on loopback 127.0.0.1")
                .doesNotContain("B-s3cret", "G-s3cret");
        assertThat(run.exit()).isEqualTo(ExchangeNodeCli.BROKEN);

        assertThat(doctor("node.broker.embedded.port=1",
                "node.broker.embedded.users.\"node-440300\".password=B-s3cret").out())
                .contains("OK    broker-users 1 user(s) of the embedded broker, each with a password: node-440300");
    }

    @Test
    void shouldRequireAKeyStoreThatOpensWhenTheEmbeddedBrokerListensBeyondLoopback() throws Exception {
        assertThat(doctor("node.broker.embedded.port=1", "node.broker.embedded.host=0.0.0.0").out())
                .contains("FAIL  broker-tls   node.broker.embedded.host is not a loopback address: the node starts only "
                        + "with node.broker.embedded.key-store");
        Path store = keyStore("broker.p12", "St0re-s3cret", "-validity", "365");
        assertThat(doctor("node.broker.embedded.port=1", "node.broker.embedded.host=0.0.0.0",
                "node.broker.embedded.key-store=" + store, "node.broker.embedded.key-store-password=wrong-s3cret").out())
                .contains("FAIL  broker-tls   node.broker.embedded.key-store: " + store + " does not open as PKCS12")
                .doesNotContain("wrong-s3cret");
        assertThat(doctor("node.broker.embedded.port=1", "node.broker.embedded.host=0.0.0.0",
                "node.broker.embedded.key-store=" + store, "node.broker.embedded.key-store-password=St0re-s3cret").out())
                .contains("OK    broker-tls   node.broker.embedded.key-store: 1 certificate(s)").doesNotContain("St0re-s3cret");
    }

    @Test
    void shouldWarnBeforeTheApiCertificateExpiresAndFailWhenItHas() throws Exception {
        Path valid = keyStore("valid.p12", "Api-s3cret", "-validity", "365");
        Path expiring = keyStore("expiring.p12", "Api-s3cret", "-validity", "10");
        Path expired = keyStore("expired.p12", "Api-s3cret", "-startdate", "-10d", "-validity", "5");

        assertThat(doctor("node.broker.embedded.port=1", "quarkus.tls.key-store.p12.path=" + valid,
                "quarkus.tls.key-store.p12.password=Api-s3cret").out())
                .contains("OK    api-tls      quarkus.tls.key-store.p12.path: 1 certificate(s)").doesNotContain("Api-s3cret");
        assertThat(doctor("node.broker.embedded.port=1", "quarkus.tls.key-store.p12.path=" + expiring,
                "quarkus.tls.key-store.p12.password=Api-s3cret").out()).contains("WARN  api-tls", "renew it");
        CliRun run = doctor("node.broker.embedded.port=1", "quarkus.tls.key-store.p12.path=" + expired,
                "quarkus.tls.key-store.p12.password=Api-s3cret");
        assertThat(run.out()).contains("FAIL  api-tls", "not valid now");
        assertThat(run.exit()).isEqualTo(ExchangeNodeCli.BROKEN);

        assertThat(doctor("node.broker.embedded.port=1", "quarkus.tls.key-store.pem.api.cert="
                + CERTS.resolve("320100/node.crt.pem"), "quarkus.tls.key-store.pem.api.key=" + dir.resolve("missing.pem"))
                .out()).contains("FAIL  api-tls      quarkus.tls.key-store.pem.api.key: ");
        assertThat(doctor("node.broker.embedded.port=1", "quarkus.http.insecure-requests=disabled").out())
                .contains("FAIL  api-tls      quarkus.http.insecure-requests=disabled but no TLS key store");
    }

    @Test
    void shouldCheckTheApiUsers() throws Exception {
        assertThat(doctor("node.broker.embedded.port=1").out()).contains("WARN  api-users    no API user");
        assertThat(doctor("node.broker.embedded.port=1", "quarkus.security.users.embedded.users.clerk=" + DIGEST,
                "quarkus.security.users.embedded.roles.clerk=submitter").out())
                .contains("OK    api-users    1 API user(s) with a digest and roles: clerk");
        assertThat(doctor("node.broker.embedded.port=1", "quarkus.security.users.embedded.users.clerk=clerk-pass",
                "quarkus.security.users.embedded.roles.clerk=submitter").out())
                .contains("FAIL  api-users    quarkus.security.users.embedded.users.clerk is not the hex SHA-256")
                .doesNotContain("clerk-pass");
    }

    @Test
    void shouldSayWhichMembersOfAnHaBrokerUrlAnswer() throws Exception {
        int first = freePort();
        int second = freePort();
        EmbeddedActiveMQ a = broker("a", first);
        EmbeddedActiveMQ b = broker("b", second);
        // a member's own query may carry a store password: doctor names members by host and port only
        String url = "node.broker.url=(tcp://127.0.0.1:" + first + ",tcp://127.0.0.1:" + second
                + "?name=backup&trustStorePassword=member-s3cret)?ha=true";
        try {
            assertThat(doctor(url).out()).contains("OK    broker-ha    2 of 2 members of the HA URL answer");
            assertThat(doctor(url.replace("?ha=true", "")).out())
                    .contains("WARN  broker-ha    2 of 2 members of the HA URL answer; without ha=true");
            b.stop();
            assertThat(doctor(url).out()).contains("WARN  broker-ha    1 of 2 members of the HA URL answer (not tcp://127.0.0.1:"
                    + second + ") and no backup is announced").doesNotContain("member-s3cret");
            a.stop();
            CliRun none = doctor(url);
            assertThat(none.out()).contains("FAIL  broker       no member of the HA URL").doesNotContain("member-s3cret");
            assertThat(none.exit()).isEqualTo(ExchangeNodeCli.BROKEN);
        } finally {
            b.stop();
            a.stop();
        }
    }

    private EmbeddedActiveMQ broker(String name, int port) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(new ConfigurationImpl().setName(name).setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE"));
        broker.start();
        return broker;
    }

    private Path keyStore(String file, String password, String... validity) throws Exception {
        Path store = dir.resolve(file);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost, O=TEST ONLY", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", password,
                "-keypass", password));
        command.addAll(List.of(validity));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return store;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
