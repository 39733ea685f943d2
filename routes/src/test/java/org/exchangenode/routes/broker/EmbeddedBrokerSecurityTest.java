package org.exchangenode.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.BrokerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's real embedded broker, as node 320100 runs it for the demo: node 440300 joins it with its own user and may
 * send to 320100's inbox and read its own, but cannot browse or consume 320100's inbox (where ID numbers travel);
 * nobody without a valid user gets in; it listens beyond loopback only with TLS.
 */
class EmbeddedBrokerSecurityTest {
    /** Not vm://0: the node of the Quarkus tests may be running its embedded broker in this JVM. */
    private static final int IN_VM = 43;
    private static final String PASSWORD_440300 = "node-440300-test-only";
    @TempDir
    Path dir;

    record Embedded(String host, int port, Map<String, BrokerConfig.BrokerUser> users, Optional<Path> keyStore,
                    Optional<String> keyStorePassword) implements BrokerConfig.Embedded {
    }

    private static Embedded loopback(int port) {
        return new Embedded("127.0.0.1", port, Map.of("node-440300", () -> PASSWORD_440300), Optional.empty(),
                Optional.empty());
    }

    @Test
    void shouldLetAJoiningNodeSendToItsPeerAndReadOnlyItsOwnInbox() throws Exception {
        int port = freePort();
        EmbeddedBroker broker = new EmbeddedBroker("320100", dir, loopback(port), IN_VM);
        String url = "tcp://127.0.0.1:" + port;
        try (Connection own = connect(broker.inVmUrl(), broker.ownUser(), broker.ownPassword());
             Connection shenzhen = connect(url, "node-440300", PASSWORD_440300)) {
            Session nanjing = own.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session peer = shenzhen.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String toPeer = send(nanjing, "node.440300.inbox");
            String toNode = send(peer, "node.320100.inbox");

            assertThat(receive(peer, "node.440300.inbox")).as("440300 reads its own inbox").isEqualTo(toPeer);
            assertThatThrownBy(() -> browse(peer, "node.320100.inbox")).as("440300 browses 320100's inbox")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> peer.createConsumer(peer.createQueue("node.320100.inbox")))
                    .as("440300 consumes 320100's inbox").isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> browse(peer, "node.320100.dlq")).as("440300 browses 320100's dead letters")
                    .isInstanceOf(JMSSecurityException.class);
            assertThat(receive(nanjing, "node.320100.inbox")).as("the letter stayed for 320100").isEqualTo(toNode);
            System.out.println("embedded broker security: 440300 sent 1 and read 1 of its own, refused 3 reads of 320100's");
        } finally {
            broker.stop();
        }
    }

    @Test
    void shouldRefuseAnonymousUnknownUsersAndWrongPasswords() throws Exception {
        int port = freePort();
        EmbeddedBroker broker = new EmbeddedBroker("320100", dir, loopback(port), IN_VM);
        String url = "tcp://127.0.0.1:" + port;
        try {
            assertThatThrownBy(() -> connect(url, null, null).close()).as("anonymous")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> connect(url, "node-510100", PASSWORD_440300).close()).as("unknown user")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> connect(url, "node-440300", "wrong").close()).as("wrong password")
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> connect(broker.inVmUrl(), null, null).close()).as("anonymous in-VM")
                    .isInstanceOf(JMSSecurityException.class);
        } finally {
            broker.stop();
        }
    }

    @Test
    void shouldRefuseANodeThatSendsToADeadLetterQueueOrToANodeWithoutAnInbox() throws Exception {
        int port = freePort();
        EmbeddedBroker broker = new EmbeddedBroker("320100", dir, loopback(port), IN_VM);
        try (Connection shenzhen = connect("tcp://127.0.0.1:" + port, "node-440300", PASSWORD_440300)) {
            Session peer = shenzhen.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> send(peer, "node.320100.dlq")).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(peer, "node.330100.inbox")).as("no node may create an inbox")
                    .isInstanceOf(JMSException.class);
        } finally {
            broker.stop();
        }
    }

    @Test
    void shouldRefuseToListenBeyondLoopbackWithoutAKeyStoreNamingTheKey() {
        Embedded open = new Embedded("0.0.0.0", 1, Map.of(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> new EmbeddedBroker("320100", dir, open, IN_VM))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.CONFIGURATION_INVALID))
                .hasMessageContaining("node.broker.embedded.host").hasMessageContaining("node.broker.embedded.key-store");
    }

    @Test
    void shouldRefuseAUserTheBrokerDoesNotKnowAndAKeyStoreThatDoesNotOpen() throws Exception {
        Embedded stranger = new Embedded("127.0.0.1", 1, Map.of("guest", () -> "x"), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> new EmbeddedBroker("320100", dir, stranger, IN_VM))
                .hasMessageContaining("node.broker.embedded.users.\"guest\"");
        Path keyStore = keyStore("right-password");
        Embedded wrong = new Embedded("0.0.0.0", 1, Map.of(), Optional.of(keyStore), Optional.of("wrong-password"));
        assertThatThrownBy(() -> new EmbeddedBroker("320100", dir, wrong, IN_VM))
                .hasMessageContaining("node.broker.embedded.key-store").hasMessageNotContaining("wrong-password");
    }

    @Test
    void shouldSpeakOnlyTlsWithAKeyStore() throws Exception {
        int port = freePort();
        Path keyStore = keyStore("store-test-only");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keyStore.toString(), "-storepass",
                "store-test-only", "-file", dir.resolve("broker.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", dir.resolve("broker.crt").toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", "trust-test-only");
        Embedded tls = new Embedded("127.0.0.1", port, Map.of("node-440300", () -> PASSWORD_440300),
                Optional.of(keyStore), Optional.of("store-test-only"));
        EmbeddedBroker broker = new EmbeddedBroker("320100", dir, tls, IN_VM);
        String plain = "tcp://127.0.0.1:" + port + "?callTimeout=5000&initialConnectAttempts=1";
        try {
            try (Connection shenzhen = connect(plain + "&sslEnabled=true&trustStoreType=PKCS12&trustStorePath="
                    + trustStore + "&trustStorePassword=trust-test-only", "node-440300", PASSWORD_440300)) {
                Session peer = shenzhen.createSession(false, Session.AUTO_ACKNOWLEDGE);
                send(peer, "node.320100.inbox");
            }
            assertThatThrownBy(() -> connect(plain, "node-440300", PASSWORD_440300).close()).as("without TLS")
                    .isInstanceOf(JMSException.class);
        } finally {
            broker.stop();
        }
    }

    private Path keyStore(String password) throws Exception {
        Path keyStore = dir.resolve("broker-" + UUID.randomUUID() + ".p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost, O=TEST ONLY", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
        return keyStore;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        Collections.addAll(command, arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Connection connect(String url, String user, String password) throws JMSException {
        Connection connection = new ActiveMQConnectionFactory(url, user, password).createConnection();
        connection.start();
        return connection;
    }

    private static String send(Session session, String queue) throws JMSException {
        String id = UUID.randomUUID().toString();
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(id.getBytes());
        message.setStringProperty(BrokerNames.MESSAGE_ID, id);
        session.createProducer(session.createQueue(queue)).send(message);
        return id;
    }

    private static String receive(Session session, String queue) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            Message message = consumer.receive(10_000);
            return message == null ? null : message.getStringProperty(BrokerNames.MESSAGE_ID);
        }
    }

    private static List<String> browse(Session session, String queue) throws JMSException {
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            return Collections.list(browser.getEnumeration()).stream().map(m -> {
                try {
                    return ((Message) m).getStringProperty(BrokerNames.MESSAGE_ID);
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
