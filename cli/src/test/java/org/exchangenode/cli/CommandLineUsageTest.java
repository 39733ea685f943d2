package org.exchangenode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's unusable command lines (exit 2, one line naming the option and the rule, never the value given) and
 * every command's --help, generated from the same definitions that parse. No node is reached: each case fails before.
 */
class CommandLineUsageTest {
    /** A value shaped like a person's data (name and citizen id): no error message may repeat it. */
    private static final String PERSONAL = "张三110101199003071234";
    @TempDir
    static Path dir;
    private static String password;
    private static String emptyPassword;

    @BeforeAll
    static void passwordFile() throws Exception {
        password = Files.writeString(dir.resolve("password"), "secret\n").toString();
        emptyPassword = Files.writeString(dir.resolve("empty-password"), "\n").toString();
    }

    /** A command that talks to a node, with usable connection options and then {@code rest}. */
    private static String[] node(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--node", "http://127.0.0.1:1", "--user", "op",
                "--password-file", password));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> unusable() {
        return Stream.of(
                Arguments.of(new String[] {"keygen"}, "option --out is required"),
                Arguments.of(new String[] {"keygen", "--out", "k.pem", "--algorithm", PERSONAL},
                        "option --algorithm must be one of sm2, p256"),
                Arguments.of(new String[] {"csr", "--key", "k", "--node-id", "330100", "--out", "o"},
                        "option --agency is required"),
                Arguments.of(new String[] {"import-cert", "--key", "k", "--cert", "c", "--out", "o"},
                        "option --anchors is required"),
                Arguments.of(new String[] {"trust"}, "give one of list, add, remove, list-crls, add-crl, remove-crl"),
                Arguments.of(new String[] {"trust", "add", "--anchors", "roots.pem"}, "give exactly one CERTIFICATE.pem"),
                Arguments.of(new String[] {"trust", "remove", "abc", "--anchors", "roots.pem"},
                        "give at least 8 hex digits of the fingerprint"),
                Arguments.of(new String[] {"trust", "add-crl", "x.crl", "--anchors", "roots.pem"},
                        "option --crls is required"),
                Arguments.of(new String[] {"sample-ca-create", "--out-cert", "c", "--out-key", "k", "--days", PERSONAL},
                        "option --days must be a positive whole number"),
                Arguments.of(new String[] {"sample-ca-issue", "--ca-cert", "c", "--ca-key", "k", "--out", "o"},
                        "option --csr is required"),
                Arguments.of(new String[] {"doctor"}, "option --config is required"),
                Arguments.of(new String[] {"doctor", "--config", "n.properties", "--date", PERSONAL},
                        "option --date must be a day such as 2026-12-31"),
                Arguments.of(node("audit-export", "--out", "x.zip", "--from", PERSONAL),
                        "option --from must be an ISO-8601 instant such as 2026-11-26T00:00:00Z"),
                Arguments.of(node("audit-export", "--out", "x.zip", "--to-sequence", "0"),
                        "option --to-sequence must be a positive whole number"),
                Arguments.of(new String[] {"audit-export", "--node", PERSONAL, "--user", "a", "--out", "x.zip"},
                        "option --node must be the node's base URL such as http://127.0.0.1:8080"),
                Arguments.of(new String[] {"audit-export", "--node", "http://op:" + PERSONAL + "@127.0.0.1:8080", "--user",
                        "a", "--out", "x.zip"}, "option --node must not carry a user or password"),
                Arguments.of(new String[] {"audit-verify"}, "option --anchors is required; give at least one ARCHIVE"),
                Arguments.of(node("counts", "--output", PERSONAL), "option --output must be one of text, json"),
                Arguments.of(node("failed", "--type", PERSONAL), "option --type must be one of ContactLetter, InfoForm,"),
                Arguments.of(node("failed", "--page", "-1"), "option --page must be a whole number, 0 or more"),
                Arguments.of(node("inspect", "m-1", PERSONAL), "1 argument(s) more than exchange-node-cli inspect takes"),
                Arguments.of(node("replay", "--peer", "440300", "--reason", " "), "option --reason must not be blank"),
                Arguments.of(node("quarantine", "--error-code", PERSONAL),
                        "option --error-code must be one of MALFORMED_XML, "),
                Arguments.of(node("reverify", "--reason", "anchors updated"), "give exactly one QUARANTINE-ID"),
                Arguments.of(node("dead-letters", "--error-code=" + PERSONAL), "unknown option --error-code (known: "),
                Arguments.of(node("replay-dead-letters", "--dry-run"), "option --reason is required"),
                Arguments.of(node("replay-requests", "--status", PERSONAL), "option --status must be one of PENDING, "),
                Arguments.of(node("replay-approve", "r-1", "--reason", " "), "option --reason must not be blank"),
                Arguments.of(node("replay-reject", "--reason", "not now"), "give exactly one REQUEST-ID"),
                Arguments.of(node("ping", "440300", "--timeout", PERSONAL),
                        "option --timeout must be an ISO-8601 duration such as PT10S"),
                Arguments.of(new String[] {"ping", "440300", "--user", "op", "--password-env", "X"},
                        "option --node is required"),
                Arguments.of(new String[] {"counts", "--node", "http://127.0.0.1:1", "--user", "op", "--password-file",
                        emptyPassword}, "option --password-file: the file is empty"),
                Arguments.of(node("counts", "--ca-file", password), "option --ca-file: only for a node reached by https"),
                Arguments.of(new String[] {"counts", "--node", "https://127.0.0.1:1", "--user", "op", "--password-file",
                        password, "--ca-file", password}, "option --ca-file: no PEM certificate can be read from the file"),
                Arguments.of(node("failed", "--peer", "440300", "--peer", PERSONAL),
                        "option --peer is given more than once; give it once"));
    }

    @ParameterizedTest
    @MethodSource("unusable")
    void shouldExitTwoNamingTheOptionButNotTheValueWhenTheCommandLineIsUnusable(String[] args, String message) {
        CliRun run = CliRun.of(args);

        assertThat(run.exit()).as(run.err()).isEqualTo(ExchangeNodeCli.USAGE);
        assertThat(run.err()).startsWith("error: " + message).contains("--help' for usage")
                .doesNotContain(PERSONAL);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldPrintEachCommandsHelpWithItsOptionsAndTheExitCodes() {
        CommandLine cli = ExchangeNodeCli.commandLine(System.out, System.err, false);
        for (String name : ExchangeNodeCli.commandNames()) {
            CliRun run = CliRun.of(name, "--help");

            assertThat(run.exit()).as(name).isZero();
            assertThat(run.out()).as(name).contains("Usage: exchange-node-cli " + name, "Exit codes:", "  2   ");
            cli.getSubcommands().get(name).getCommandSpec().options()
                    .forEach(option -> assertThat(run.out()).as(name).contains(option.longestName()));
        }
        assertThat(CliRun.of("audit-verify", "--help").out()).contains("1   the log is broken");
        assertThat(CliRun.of("failed", "--help").out()).contains("ContactLetter", "FundTransferNotice", "RECEIPT_TIMEOUT");
        assertThat(CliRun.of("keygen", "--help").out()).contains("sm2, p256 (default sm2)");
        assertThat(CliRun.of("trust", "add", "--help").out()).contains("Usage: exchange-node-cli trust add", "--anchors");
    }

    @Test
    void shouldListTheCommandsByAudienceWithTheExitCodes() {
        CliRun help = CliRun.of("--help");
        CliRun helpCommand = CliRun.of("help");
        CliRun none = CliRun.of();

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Installer (no node needed)", "Auditor (role auditor", "Operator (role operator",
                "Exit codes:", "0   done", "1   a check failed", "2   the command line or an input file cannot be used");
        ExchangeNodeCli.commandNames().forEach(name -> assertThat(help.out()).contains("\n  " + name + " "));
        assertThat(helpCommand.exit()).isZero();
        assertThat(helpCommand.out()).isEqualTo(help.out());
        assertThat(none.exit()).isEqualTo(ExchangeNodeCli.USAGE);
        assertThat(none.err()).isEqualTo(help.out());
        assertThat(CliRun.of("help", "replay").out()).contains("Usage: exchange-node-cli replay");
    }
}
