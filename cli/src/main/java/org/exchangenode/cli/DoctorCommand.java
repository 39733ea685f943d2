package org.exchangenode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.calendar.CalendarFiles;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.directory.DirectoryFiles;
import org.exchangenode.core.directory.NetworkDirectory;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.Revocations;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.core.transport.BrokerUrls;

/**
 * {@code doctor --config FILE [--date yyyy-MM-dd]}: checks an installation before (or while) the node runs, from the
 * node's own configuration file — one line per check, {@code OK}, {@code WARN} or {@code FAIL}, and exit 1 when any
 * check fails. {@code --date} checks the calendar as on that day instead of today (Beijing), e.g. before a new year.
 * Relative paths are resolved from the working directory, as the node resolves them; {@code ${VARIABLE}} values and
 * the passwords come from the environment ({@code NODE_BROKER_PASSWORD}, {@code NODE_BROKER_TRUST_STORE_PASSWORD},
 * {@code NODE_BROKER_KEY_STORE_PASSWORD}, {@code NODE_DATABASE_PASSWORD}). No secret is ever printed.
 */
final class DoctorCommand {
    static final int WARN_DAYS = 30;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private final PrintStream out;
    private int failures;
    private int warnings;

    DoctorCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        Arguments a = new Arguments(args, Set.of("config", "date"), Set.of());
        Path file = Path.of(a.required("config"));
        LocalDate day = Optional.ofNullable(a.day("date")).orElseGet(() -> LocalDate.now(WorkingDayCalendar.ZONE));
        Properties config = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            config.load(reader);
        } catch (IOException e) {
            fail("config", file + " cannot be read: " + e.getMessage());
            return summary();
        }
        String nodeId = value(config, "node.id").orElse("");
        if (!nodeId.matches("[1-9][0-9]{5}([0-9]{3})?")) {
            fail("config", "node.id must be a 6-digit division code (+ optional 3-digit suffix), got '" + nodeId + "'");
        } else {
            ok("config", file + ": node " + nodeId);
        }
        NodeCredentials credentials = key(config, nodeId);
        TrustAnchors anchors = trust(config, credentials);
        revocations(config, anchors, credentials);
        calendar(config, day);
        directory(config, anchors, credentials, nodeId);
        broker(config);
        database(config);
        return summary();
    }

    private NodeCredentials key(Properties config, String nodeId) {
        Optional<String> key = value(config, "node.keys.private-key");
        Optional<String> certificate = value(config, "node.keys.certificate");
        if (key.isEmpty() || certificate.isEmpty()) {
            fail("key", "node.keys.private-key and node.keys.certificate are required");
            return null;
        }
        try {
            NodeCredentials credentials = NodeCredentials.load(Path.of(key.get()), Path.of(certificate.get()));
            X509Certificate c = credentials.certificate();
            if (!credentials.nodeId().equals(nodeId)) {
                fail("key", "the certificate names node " + credentials.nodeId() + ", node.id is " + nodeId);
            }
            long days = Duration.between(Instant.now(), c.getNotAfter().toInstant()).toDays();
            String what = "key matches certificate " + c.getSubjectX500Principal().getName() + " (serial "
                    + c.getSerialNumber().toString(16) + "), valid until " + c.getNotAfter().toInstant() + ": " + days + " days left";
            if (Instant.now().isBefore(c.getNotBefore().toInstant()) || days < 0) {
                fail("certificate", what + " — not valid now");
            } else if (days < WARN_DAYS) {
                warn("certificate", what + " — renew it (keygen, csr, import-cert) and announce it in the directory");
            } else {
                ok("certificate", what);
            }
            return credentials;
        } catch (ExchangeException e) {
            fail("key", e.getMessage());
            return null;
        }
    }

    private TrustAnchors trust(Properties config, NodeCredentials credentials) {
        Optional<String> files = value(config, "node.trust.anchors");
        if (files.isEmpty()) {
            fail("trust", "node.trust.anchors is required");
            return null;
        }
        try {
            TrustAnchors anchors = TrustAnchors.load(Arrays.stream(files.get().split(",")).map(String::trim).map(Path::of).toList());
            if (credentials != null) {
                new CertificateChecker(anchors).requireTrusted(credentials.chain(), Instant.now());
            }
            ok("trust", anchors.certificates().size() + " anchor(s); the node's certificate chains to them");
            return anchors;
        } catch (ExchangeException e) {
            fail("trust", e.getMessage());
            return null;
        }
    }

    private void revocations(Properties config, TrustAnchors anchors, NodeCredentials credentials) {
        Optional<String> dir = value(config, "node.trust.crls");
        if (dir.isEmpty()) {
            warn("crls", "node.trust.crls is not set: certificates the CA revoked are not refused");
            return;
        }
        if (anchors == null) {
            fail("crls", "cannot be checked without trust anchors");
            return;
        }
        try {
            Revocations crls = Revocations.load(Path.of(dir.get()), anchors);
            if (credentials != null && crls.check(credentials.certificate(), Instant.now()).isPresent()) {
                fail("crls", "the node's own certificate is revoked");
                return;
            }
            List<Revocations.Summary> stale = crls.summaries().stream()
                    .filter(s -> s.nextUpdate() != null && s.nextUpdate().isBefore(Instant.now())).toList();
            if (!stale.isEmpty()) {
                warn("crls", stale.size() + " CRL(s) past their next update (" + stale.get(0).issuer() + "): fetch the new ones");
            } else {
                ok("crls", crls.summaries().size() + " CRL(s) verified, current");
            }
        } catch (ExchangeException e) {
            fail("crls", e.getMessage());
        }
    }

    /** The calendar as on {@code day}: today in Beijing, or the day {@code --date} names (e.g. before a new year). */
    private void calendar(Properties config, LocalDate day) {
        Path dir = Path.of(value(config, "node.calendar.dir").orElse("config/calendar"));
        try {
            WorkingDayCalendar calendar = CalendarFiles.load(dir);
            int year = day.getYear();
            String loaded = "years " + calendar.firstYear() + "–" + calendar.lastYear() + " in " + dir;
            if (year < calendar.firstYear() || year > calendar.lastYear()) {
                fail("calendar", loaded + ": no calendar for this year " + year);
            } else if (calendar.lastYear() == year) {
                warn("calendar", loaded + ": add " + (year + 1) + ".properties when the State Council announces it");
            } else {
                ok("calendar", loaded);
            }
        } catch (ExchangeException e) {
            fail("calendar", e.getMessage());
        }
    }

    private void directory(Properties config, TrustAnchors anchors, NodeCredentials credentials, String nodeId) {
        Optional<String> file = value(config, "node.directory.file");
        if (file.isEmpty()) {
            long peers = config.stringPropertyNames().stream().filter(k -> k.startsWith("node.peers.")).count();
            if (peers == 0) {
                warn("directory", "neither node.directory.file nor node.peers is set: the node has no peers");
            } else {
                ok("directory", peers + " peer(s) from node.peers (no directory file)");
            }
            return;
        }
        if (anchors == null) {
            fail("directory", "cannot be checked without trust anchors");
            return;
        }
        try {
            List<X509Certificate> authority = value(config, "node.directory.authority-certificate")
                    .map(p -> PemFiles.readCertificates(Path.of(p))).orElse(List.of());
            boolean allowUnsigned = value(config, "node.directory.allow-unsigned-for-development").map(Boolean::parseBoolean)
                    .orElse(false);
            NetworkDirectory directory = DirectoryFiles.load(Path.of(file.get()), authority, anchors, Instant.now(),
                    allowUnsigned);
            Optional<NetworkDirectory.Entry> own = directory.find(nodeId);
            String what = "version " + directory.version() + ", " + directory.nodes().size() + " nodes, "
                    + (directory.signedBy() == null ? "not signed" : "signed by " + directory.signedBy());
            if (own.isEmpty()) {
                fail("directory", what + ": does not list this node " + nodeId);
            } else if (credentials != null && !own.get().certificates().contains(credentials.certificate())) {
                fail("directory", what + ": does not list this node's certificate: peers will refuse its messages");
            } else if (authority.isEmpty()) {
                warn("directory", what + " (node.directory.allow-unsigned-for-development is set: set "
                        + "node.directory.authority-certificate so that only signed directories are used)");
            } else {
                ok("directory", what);
            }
        } catch (ExchangeException e) {
            fail("directory", e.getMessage());
        }
    }

    private void broker(Properties config) {
        Optional<String> url = value(config, "node.broker.url");
        if (url.isEmpty()) {
            int port = Integer.parseInt(value(config, "node.broker.embedded.port").orElse("61616"));
            String host = value(config, "node.broker.embedded.host").orElse("127.0.0.1");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                ok("broker", "embedded broker: " + host + ":" + port + " is listening (the node is running)");
            } catch (IOException e) {
                ok("broker", "embedded broker: " + host + ":" + port + " is free; the node will listen there");
            }
            return;
        }
        String user = value(config, "node.broker.user").orElse(null);
        String password = secret(config, "node.broker.password", "NODE_BROKER_PASSWORD");
        String connectUrl = BrokerUrls.withStorePasswords(url.get(),
                secret(config, "node.broker.trust-store-password", "NODE_BROKER_TRUST_STORE_PASSWORD"),
                secret(config, "node.broker.key-store-password", "NODE_BROKER_KEY_STORE_PASSWORD"));
        String shown = Redaction.text(url.get());
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(connectUrl + (connectUrl.contains("?") ? "&" : "?")
                + "reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000");
             jakarta.jms.Connection connection = factory.createConnection(user, password)) {
            connection.createSession().close();
            ok("broker", shown + " accepts user " + user);
        } catch (jakarta.jms.JMSException | RuntimeException e) {
            fail("broker", shown + " refused or unreachable for user " + user + ": " + Redaction.text(e.getMessage()));
        }
    }

    private void database(Properties config) {
        String kind = value(config, "node.database.kind").orElse("h2");
        if (!kind.equals("postgresql")) {
            Path data = Path.of(value(config, "node.data-dir").orElse("data"));
            if (Files.isDirectory(data) && !Files.isWritable(data)) {
                fail("database", "embedded H2: data directory " + data.toAbsolutePath() + " is not writable");
            } else {
                ok("database", "embedded H2 under " + data.toAbsolutePath() + " (created and migrated at start)");
            }
            return;
        }
        Optional<String> url = value(config, "node.database.url");
        if (url.isEmpty()) {
            fail("database", "node.database.url is required for PostgreSQL");
            return;
        }
        String schema = value(config, "node.database.schema").orElse("public");
        String password = secret(config, "node.database.password", "NODE_DATABASE_PASSWORD");
        try (Connection c = DriverManager.getConnection(url.get(), value(config, "node.database.user").orElse(null), password);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select max(version::int), count(*) from \"" + schema.replace("\"", "")
                    + "\".flyway_schema_history where success")) {
                rs.next();
                ok("database", Redaction.text(url.get()) + " reachable; schema " + schema + " migrated to version " + rs.getInt(1));
            } catch (SQLException e) {
                warn("database", Redaction.text(url.get()) + " reachable; schema " + schema + " not migrated yet (the node migrates it at start)");
            }
        } catch (SQLException e) {
            fail("database", Redaction.text(url.get()) + " unreachable: " + Redaction.text(e.getMessage()));
        }
    }

    /** A configuration value with ${VARIABLE} taken from the environment; empty when absent or blank. */
    /** A secret setting as the node reads it: its environment variable first, then the file. */
    private static String secret(Properties config, String key, String environment) {
        return Optional.ofNullable(System.getenv(environment)).or(() -> value(config, key)).orElse(null);
    }

    private static Optional<String> value(Properties config, String key) {
        String raw = config.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(raw.trim());
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String env = System.getenv(m.group(1));
            m.appendReplacement(resolved, Matcher.quoteReplacement(env == null ? "" : env));
        }
        m.appendTail(resolved);
        return resolved.toString().isBlank() ? Optional.empty() : Optional.of(resolved.toString());
    }

    private void ok(String check, String detail) {
        out.printf("OK    %-12s %s%n", check, detail);
    }

    private void warn(String check, String detail) {
        warnings++;
        out.printf("WARN  %-12s %s%n", check, detail);
    }

    private void fail(String check, String detail) {
        failures++;
        out.printf("FAIL  %-12s %s%n", check, detail);
    }

    private int summary() {
        out.println(failures == 0 ? "RESULT ready (" + warnings + " warning(s))"
                : "RESULT " + failures + " check(s) failed, " + warnings + " warning(s)");
        return failures == 0 ? ExchangeNodeCli.OK : ExchangeNodeCli.BROKEN;
    }
}
