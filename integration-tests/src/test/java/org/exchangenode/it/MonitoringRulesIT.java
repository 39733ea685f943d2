package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped monitoring files (config/monitoring) are checked by the real promtool of the Debian package
 * {@code prometheus}, and hold together: every alert has a unit test that makes it fire and one where it does not, a
 * severity, a summary and a runbook section, and the dashboard asks only for metrics the node exports.
 */
class MonitoringRulesIT {
    private static final Path DIR = NodeProcess.ROOT.resolve("config/monitoring");
    private static final Path RULES = DIR.resolve("exchange-node-alerts.yml");
    private static final Path TESTS = DIR.resolve("tests/exchange-node-alerts-test.yml");
    private static final Path RUNBOOK = DIR.resolve("RUNBOOK.md");
    private static final Path DASHBOARD = DIR.resolve("grafana/exchange-node.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern METRIC = Pattern.compile("\\bexn_[a-z0-9_]+");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    record Run(int exit, String output) {
    }

    /** promtool from the PATH, run in {@code dir}; a missing promtool fails the test, it does not skip it. */
    private static Run promtool(Path dir, String... args) throws IOException, InterruptedException {
        Path promtool = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(entry -> Path.of(entry, "promtool")).filter(Files::isExecutable).findFirst()
                .orElseGet(() -> fail("promtool is not on the PATH: install it with `apt-get install -y prometheus`"
                        + " (.ci/run does so when it is missing)"));
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static List<JsonNode> alertRules() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : YAML.readTree(RULES.toFile()).path("groups")) {
            assertThat(group.path("name").asText()).isEqualTo("exchange-node");
            group.path("rules").forEach(rule -> {
                if (rule.has("alert")) {
                    rules.add(rule);
                }
            });
        }
        assertThat(rules).as("alert rules in " + RULES).isNotEmpty();
        return rules;
    }

    @Test
    void shouldPassPromtoolCheckWhenTheRuleFileIsChecked() throws Exception {
        Run run = promtool(DIR, "check", "rules", "exchange-node-alerts.yml");

        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void shouldPassEveryUnitTestWhenPromtoolTestsTheRules() throws Exception {
        Run run = promtool(TESTS.getParent(), "test", "rules", TESTS.getFileName().toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckWhenTheExampleConfigurationIsChecked() throws Exception {
        Run run = promtool(DIR, "check", "config", "prometheus.yml");

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("1 rule files found");
    }

    @Test
    void shouldHaveAFiringAndAQuietTestCaseWhenAnAlertIsInTheRuleFile() throws Exception {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : YAML.readTree(TESTS.toFile()).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String alert = check.path("alertname").asText();
                if (check.path("exp_alerts").isEmpty()) {
                    quiet.add(alert);
                }
                // an alert written twice (warning and critical) needs a firing case for each severity
                check.path("exp_alerts").forEach(expected ->
                        firing.add(alert + "/" + expected.path("exp_labels").path("severity").asText()));
            }
        }

        for (JsonNode rule : alertRules()) {
            String alert = rule.path("alert").asText();
            assertThat(firing).as("a test case of " + TESTS.getFileName() + " where " + alert + " fires with severity "
                    + rule.path("labels").path("severity").asText())
                    .contains(alert + "/" + rule.path("labels").path("severity").asText());
            assertThat(quiet).as("a test case of " + TESTS.getFileName() + " where " + alert + " does not fire")
                    .contains(alert);
        }
    }

    @Test
    void shouldGiveEveryAlertASeveritySummaryAndRunbookSectionWhenTheRuleFileIsRead() throws Exception {
        String runbook = Files.readString(RUNBOOK);

        for (JsonNode rule : alertRules()) {
            String alert = rule.path("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(alert + " severity").isIn(SEVERITIES);
            assertThat(rule.path("annotations").path("summary").asText()).as(alert + " summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(alert + " description").isNotBlank();
            assertThat(rule.path("annotations").path("runbook").asText()).as(alert + " runbook")
                    .isEqualTo("config/monitoring/RUNBOOK.md#" + alert.toLowerCase());
            assertThat(runbook).as(alert + " has its section in " + RUNBOOK).containsPattern("(?m)^## " + alert + "$");
        }
    }

    @Test
    void shouldAskOnlyForKnownMetricsWhenTheDashboardIsRead() throws Exception {
        // the node's metric names as the runbook's reference table lists them (from the metrics contract), and any
        // the rules use (which that table must list too)
        Set<String> known = metricNames(section(Files.readString(RUNBOOK), "## Metrics"));
        Set<String> inRules = metricNames(Files.readString(RULES));
        assertThat(known).as("metrics listed in " + RUNBOOK.getFileName()).containsAll(inRules);

        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>(dashboard.findValuesAsText("expr"));
        expressions.addAll(dashboard.findValuesAsText("definition"));   // the template variables' queries
        Set<String> inDashboard = new TreeSet<>();
        expressions.forEach(expression -> inDashboard.addAll(metricNames(expression)));

        assertThat(dashboard.path("panels")).as("panels").isNotEmpty();
        assertThat(inDashboard).as("metrics in " + DASHBOARD.getFileName()).isNotEmpty().isSubsetOf(known);
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in " + RUNBOOK).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length() + 2);
        return end < 0 ? markdown.substring(start) : markdown.substring(start, end);
    }

    /** The exn_* names in a text, a histogram's _bucket, _count and _sum series named by the histogram. */
    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group().replaceFirst("_(bucket|count|sum)$", ""));
        }
        return names;
    }
}
