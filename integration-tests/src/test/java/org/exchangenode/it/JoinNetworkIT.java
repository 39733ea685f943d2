package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A new prefecture (330100, Hangzhou) joins the network by the README's installer steps, run as the installer runs
 * them — the command line as a process — from nothing to a Pong from its peer 440300 through a real broker.
 */
class JoinNetworkIT {
    private static final String SCENARIO = "join-" + System.currentTimeMillis();
    private static ArtemisServer broker;
    private static NodeProcess hangzhou;
    private static NodeProcess shenzhen;

    @AfterAll
    static void stop() throws Exception {
        NodeProcess.closeAll(hangzhou, shenzhen, broker);
    }

    private static String cli(String... args) throws Exception {
        Cli.Run run = Cli.run(Map.of(), args);
        assertThat(run.exit()).as(String.join(" ", args) + "\n" + run.output()).isZero();
        return run.output();
    }

    @Test
    void shouldGoFromNothingToAPongWithTheInstallerCommands() throws Exception {
        Path etc = NodeProcess.WORK.resolve(SCENARIO).resolve("etc");
        Path certs = NodeProcess.CERTS;
        // 1. key and request; 2. the network's CA issues the certificate (here the TEST ONLY sample CA)
        cli("keygen", "--out", etc.resolve("node.key.pem").toString());
        cli("csr", "--key", etc.resolve("node.key.pem").toString(), "--node-id", "330100",
                "--agency", "杭州市社会保险管理服务中心", "--out", etc.resolve("node.csr.pem").toString());
        cli("sample-ca-issue", "--csr", etc.resolve("node.csr.pem").toString(), "--ca-cert",
                certs.resolve("root-ca.crt.pem").toString(), "--ca-key", certs.resolve("root-ca.key.pem").toString(),
                "--out", etc.resolve("issued.pem").toString());
        // 3. trust the network's root; 4. import the certificate
        cli("trust", "add", certs.resolve("root-ca.crt.pem").toString(), "--anchors", etc.resolve("roots.pem").toString());
        assertThat(cli("import-cert", "--key", etc.resolve("node.key.pem").toString(), "--cert",
                etc.resolve("issued.pem").toString(), "--anchors", etc.resolve("roots.pem").toString(), "--out",
                etc.resolve("node.crt.pem").toString())).contains("certificate of node 330100");

        // 5. configuration and doctor
        broker = new ArtemisServer(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), new NodeDeadLetterQueues());
        Path config = etc.resolve("node.properties");
        Files.writeString(config, String.join("\n",
                "node.id=330100",
                "node.data-dir=" + NodeProcess.WORK.resolve(SCENARIO).resolve("330100"),
                "node.keys.private-key=" + etc.resolve("node.key.pem"),
                "node.keys.certificate=" + etc.resolve("node.crt.pem"),
                "node.trust.anchors=" + etc.resolve("roots.pem"),
                "node.calendar.dir=" + NodeProcess.ROOT.resolve("config/calendar"),
                "node.peers.\"440300\".name=深圳市社会保险基金管理局",
                "node.broker.url=" + broker.url()), StandardCharsets.UTF_8);
        // the calendar as on a day the shipped calendar covers: the suite passes whatever the machine's date
        Cli.Run doctor = Cli.run(Map.of(), "doctor", "--config", config.toString(), "--date", "2026-06-01");
        assertThat(doctor.output()).contains("OK    certificate", "OK    trust", "OK    broker", "OK    database")
                .doesNotContain("FAIL");
        assertThat(doctor.exit()).as(doctor.output()).isZero();

        // 6. start the node with that configuration; its peer lists it
        shenzhen = new NodeProcess("440300", SCENARIO, broker.url(), List.of("330100")).start();
        hangzhou = new NodeProcess("330100", SCENARIO, broker.url(), List.of("440300"))
                .with("node.keys.private-key", etc.resolve("node.key.pem").toString())
                .with("node.keys.certificate", etc.resolve("node.crt.pem").toString())
                .with("node.trust.anchors", etc.resolve("roots.pem").toString())
                .start();

        // 7. ping the peer
        String pong = cli("ping", "440300", "--node", hangzhou.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD", "--timeout", "PT30S");
        assertThat(pong).containsPattern("Pong from 440300 in \\d+ ms; signed by .*CN=440300");
        // and the peer can reach the newcomer
        assertThat(cli("ping", "330100", "--node", shenzhen.baseUrl(), "--user", NodeProcess.AUDITOR,
                "--password-env", "EXN_AUDIT_PASSWORD", "--timeout", "PT30S")).contains("Pong from 330100");
    }
}
