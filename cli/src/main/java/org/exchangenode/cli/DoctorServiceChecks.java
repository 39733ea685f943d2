package org.exchangenode.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.core.transport.BrokerUrls;

/**
 * {@code doctor}'s checks of the services the node needs: the broker (reachable with the node's credentials; of an HA
 * URL, which members answer, and whether the active one announces a backup) and the database (reachable and migrated). Secrets come from the environment as the node reads them and are never printed.
 */
final class DoctorServiceChecks {
    private static final Pattern HA_LIST = Pattern.compile("\\(([^)]*)\\).*");
    private DoctorServiceChecks() {
    }

    static void broker(DoctorCommand.Config config, DoctorCommand.Report report) {
        Optional<String> url = config.value("node.broker.url");
        if (url.isEmpty()) {
            String portText = config.value("node.broker.embedded.port").orElse("61616");
            int port = portText.matches("[0-9]{1,5}") ? Integer.parseInt(portText) : -1;
            if (port < 1 || port > 65535) {
                report.fail("broker", "node.broker.embedded.port must be a port number from 1 to 65535");
                return;
            }
            String host = config.value("node.broker.embedded.host").orElse("127.0.0.1");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                report.ok("broker", "embedded broker: " + host + ":" + port + " is listening (the node is running)");
            } catch (IOException e) {
                report.ok("broker", "embedded broker: " + host + ":" + port + " is free; the node will listen there");
            }
            return;
        }
        String user = config.value("node.broker.user").orElse(null);
        String password = config.secret("node.broker.password", "NODE_BROKER_PASSWORD");
        String connectUrl = BrokerUrls.withStorePasswords(url.get(),
                config.secret("node.broker.trust-store-password", "NODE_BROKER_TRUST_STORE_PASSWORD"),
                config.secret("node.broker.key-store-password", "NODE_BROKER_KEY_STORE_PASSWORD"));
        String shown = Redaction.text(url.get());
        List<String> members = haMembers(url.get());
        // named by scheme, host and port only: a member's own query may hold a key store password
        List<String> silent = members.stream().filter(member -> !listening(member))
                .map(member -> member.replaceFirst("\\?.*$", "")).toList();
        if (!members.isEmpty() && silent.size() == members.size()) {
            report.fail("broker", "no member of the HA URL " + shown + " answers");
            return;
        }
        int backups;
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(connectUrl + (connectUrl.contains("?") ? "&" : "?")
                + "reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000");
             jakarta.jms.Connection connection = factory.createConnection(user, password)) {
            connection.createSession().close();
            report.ok("broker", shown + " accepts user " + user);
            backups = (int) factory.getServerLocator().getTopology().getMembers().stream()
                    .filter(member -> member.getBackup() != null).count();
        } catch (jakarta.jms.JMSException | RuntimeException e) {
            report.fail("broker", shown + " refused or unreachable for user " + user + ": " + Redaction.text(e.getMessage()));
            return;
        }
        if (members.isEmpty()) {
            return;
        }
        String answered = (members.size() - silent.size()) + " of " + members.size() + " members of the HA URL answer";
        if (!url.get().matches(".*[?&]ha=true.*")) {
            report.warn("broker-ha", answered + "; without ha=true the node does not fail over to the others");
        } else if (silent.isEmpty()) {
            report.ok("broker-ha", answered);
        } else if (backups > 0) {
            report.ok("broker-ha", answered + "; the active broker announces its backup (" + String.join(", ", silent)
                    + " listens only once it takes over)");
        } else {
            report.warn("broker-ha", answered + " (not " + String.join(", ", silent) + ") and no backup is announced: "
                    + "a failure of the active broker stops the service");
        }
    }

    /** The members of an HA connection URL {@code (tcp://a:61617,tcp://b:61617)?ha=true…}; empty for a single URL. */
    static List<String> haMembers(String url) {
        Matcher list = HA_LIST.matcher(url.trim());
        if (!list.matches()) {
            return List.of();
        }
        return Arrays.stream(list.group(1).split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    }

    /** Whether a member's host and port accept a TCP connection within a second (no credentials are sent). */
    private static boolean listening(String member) {
        try (Socket socket = new Socket()) {
            URI uri = URI.create(member.contains("?") ? member.substring(0, member.indexOf('?')) : member);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 61616 : uri.getPort()), 1000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    static void database(DoctorCommand.Config config, DoctorCommand.Report report) {
        String kind = config.value("node.database.kind").orElse("h2");
        if (!kind.equals("postgresql")) {
            Path data = Path.of(config.value("node.data-dir").orElse("data"));
            if (Files.isDirectory(data) && !Files.isWritable(data)) {
                report.fail("database", "embedded H2: data directory " + data.toAbsolutePath() + " is not writable");
            } else {
                report.ok("database", "embedded H2 under " + data.toAbsolutePath() + " (created and migrated at start)");
            }
            return;
        }
        Optional<String> url = config.value("node.database.url");
        if (url.isEmpty()) {
            report.fail("database", "node.database.url is required for PostgreSQL");
            return;
        }
        String schema = config.value("node.database.schema").orElse("public");
        String password = config.secret("node.database.password", "NODE_DATABASE_PASSWORD");
        try (Connection c = DriverManager.getConnection(url.get(), config.value("node.database.user").orElse(null), password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select max(version::int), count(*) from \"" + schema.replace("\"", "")
                    + "\".flyway_schema_history where success")) {
                rs.next();
                report.ok("database", Redaction.text(url.get()) + " reachable; schema " + schema + " migrated to version " + rs.getInt(1));
            } catch (SQLException e) {
                report.warn("database", Redaction.text(url.get()) + " reachable; schema " + schema + " not migrated yet (the node migrates it at start)");
            }
        } catch (SQLException e) {
            report.fail("database", Redaction.text(url.get()) + " unreachable: " + Redaction.text(e.getMessage()));
        }
    }
}
