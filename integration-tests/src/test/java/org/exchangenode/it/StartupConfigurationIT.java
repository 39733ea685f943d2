package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exchangenode.testsupport.process.NodeLauncher;
import org.junit.jupiter.api.Test;

/** An installer's mistakes stop the node at start-up with a message naming the configuration key. */
class StartupConfigurationIT {
    private static final Path WORK = NodeProcess.WORK.resolve("startup-" + System.currentTimeMillis());

    private static String failedStart(NodeLauncher node) throws Exception {
        try (node) {
            assertThatThrownBy(node::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("exited");
        }
        return Files.readString(node.log());
    }

    @Test
    void shouldRefuseToStartWhenTheCertificateNamesAnotherNode() throws Exception {
        NodeLauncher node = new NodeLauncher(NodeProcess.ROOT, "440300", WORK.resolve("wrong-cert"), "tcp://127.0.0.1:1", List.of())
                .with("node.keys.certificate", NodeProcess.CERTS.resolve("320100/node.crt.pem").toString())
                .with("node.keys.private-key", NodeProcess.CERTS.resolve("320100/node.key.pem").toString());

        assertThat(failedStart(node)).contains("node.keys.certificate names node 320100 but node.id is 440300");
    }

    @Test
    void shouldRefuseToStartWhenTheKeyDoesNotBelongToTheCertificate() throws Exception {
        NodeLauncher node = new NodeLauncher(NodeProcess.ROOT, "440300", WORK.resolve("wrong-key"), "tcp://127.0.0.1:1", List.of())
                .with("node.keys.private-key", NodeProcess.CERTS.resolve("510100/node.key.pem").toString());

        assertThat(failedStart(node)).contains("node.keys.private-key / node.keys.certificate")
                .contains("does not belong to the certificate");
    }

    @Test
    void shouldRefuseToStartWhenPostgresIsChosenWithoutAUrl() throws Exception {
        NodeLauncher node = new NodeLauncher(NodeProcess.ROOT, "440300", WORK.resolve("pg-no-url"), "tcp://127.0.0.1:1", List.of())
                .with("node.database.kind", "postgresql");

        assertThat(failedStart(node)).contains("node.database.url is required when node.database.kind=postgresql");
    }

    /** The mappings' Bean Validation constraints, as the packaged node applies them at start-up. */
    @Test
    void shouldRefuseToStartWhenAnIntervalIsNegative() throws Exception {
        NodeLauncher node = new NodeLauncher(NodeProcess.ROOT, "440300", WORK.resolve("negative-interval"), "tcp://127.0.0.1:1", List.of())
                .with("node.relay.poll-interval", "-PT1S");

        assertThat(failedStart(node)).contains("node.relay.poll-interval");
    }
}
