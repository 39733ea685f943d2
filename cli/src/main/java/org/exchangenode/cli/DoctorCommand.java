package org.exchangenode.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code doctor --config FILE [--date yyyy-MM-dd]}: checks an installation before (or while) the node runs, from the
 * node's own configuration file — one line per check, {@code OK}, {@code WARN} or {@code FAIL}, and exit 1 when any
 * check fails. The checks come in four groups: the node's credentials ({@link DoctorTrustChecks}), what it shares with
 * the network ({@link DoctorNetworkChecks}), the services it needs ({@link DoctorServiceChecks}), who may connect to it
 * and how ({@link DoctorAccessChecks}). Relative paths are
 * resolved from the working directory, as the node resolves them; {@code ${VARIABLE}} values and the passwords come
 * from the environment ({@code NODE_BROKER_PASSWORD}, {@code NODE_BROKER_TRUST_STORE_PASSWORD},
 * {@code NODE_BROKER_KEY_STORE_PASSWORD}, {@code NODE_DATABASE_PASSWORD}). No secret is ever printed.
 */
@Command(name = "doctor", header = "Checks an installation before the first start: one line per check, exit 1 on any FAIL.",
        description = {"Checks an installation from the node's configuration file: key and "
        + "certificate (days to expiry), trust anchors, CRLs, calendar for this year and the next, peer directory, broker"
        + " reachable with the node's credentials (each member of an HA URL), database reachable and migrated, the"
        + " embedded broker's users and TLS, the API's TLS material and users.",
    "One line per check (OK, WARN, FAIL); exit 1 on any FAIL."},
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed",
            "2:the command line cannot be used"})
final class DoctorCommand implements Callable<Integer> {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's configuration file")
    Path file;

    @Option(names = "--date", paramLabel = "DAY", converter = Converters.Days.class,
            description = "check the calendar as on this day (yyyy-MM-dd) instead of today in Beijing, e.g. before a new"
                    + " year")
    LocalDate date;

    @Override
    public Integer call() {
        Report report = new Report(spec.commandLine().getOut());
        LocalDate day = Optional.ofNullable(date).orElseGet(() -> LocalDate.now(WorkingDayCalendar.ZONE));
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            report.fail("config", file + " cannot be read: " + e.getMessage());
            return report.summary();
        }
        Config config = new Config(properties);
        String nodeId = config.value("node.id").orElse("");
        if (!nodeId.matches("[1-9][0-9]{5}([0-9]{3})?")) {
            report.fail("config", "node.id must be a 6-digit division code (+ optional 3-digit suffix)");
        } else {
            report.ok("config", file + ": node " + nodeId);
        }
        NodeCredentials credentials = DoctorTrustChecks.key(config, report, nodeId);
        TrustAnchors anchors = DoctorTrustChecks.trust(config, report, credentials);
        DoctorTrustChecks.revocations(config, report, anchors, credentials);
        DoctorNetworkChecks.calendar(config, report, day);
        DoctorNetworkChecks.directory(config, report, anchors, credentials, nodeId);
        DoctorServiceChecks.broker(config, report);
        if (config.value("node.broker.url").isEmpty()) {
            DoctorAccessChecks.embeddedBroker(config, report);
        }
        DoctorServiceChecks.database(config, report);
        DoctorAccessChecks.apiTls(config, report);
        DoctorAccessChecks.apiUsers(config, report);
        return report.summary();
    }

    /** The node's configuration file as the node reads it: {@code ${VARIABLE}}s and secrets from the environment. */
    record Config(Properties properties) {
        /** A value with ${VARIABLE} taken from the environment; empty when absent or blank. */
        Optional<String> value(String key) {
            String raw = properties.getProperty(key);
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

        /** A secret setting as the node reads it: its environment variable first, then the file. */
        String secret(String key, String environment) {
            return Optional.ofNullable(System.getenv(environment)).or(() -> value(key)).orElse(null);
        }

        Set<String> keys() {
            return properties.stringPropertyNames();
        }
    }

    /** One line per check, counted; the summary line and the exit code. */
    static final class Report {
        private final PrintWriter out;
        private int failures;
        private int warnings;

        Report(PrintWriter out) {
            this.out = out;
        }

        void ok(String check, String detail) {
            out.printf("OK    %-12s %s%n", check, detail);
        }

        void warn(String check, String detail) {
            warnings++;
            out.printf("WARN  %-12s %s%n", check, detail);
        }

        void fail(String check, String detail) {
            failures++;
            out.printf("FAIL  %-12s %s%n", check, detail);
        }

        int summary() {
            out.println(failures == 0 ? "RESULT ready (" + warnings + " warning(s))"
                    : "RESULT " + failures + " check(s) failed, " + warnings + " warning(s)");
            return failures == 0 ? ExchangeNodeCli.OK : ExchangeNodeCli.BROKEN;
        }
    }
}
