package org.exchangenode.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The node's command line for installers, auditors and operators: one runnable jar, talking to a node's API (except
 * {@code audit-verify} and {@code doctor}, which need nothing but files and the network). Every command, option and
 * help page is defined once, with picocli annotations; {@link #commandLine} puts them together for the jar, the tests
 * and the completion script alike. Exit codes: {@link #OK}, {@link #BROKEN}, {@link #USAGE}.
 */
@Command(name = "exchange-node-cli", synopsisSubcommandLabel = "COMMAND",
        description = "Exchange Node command line. Every command but the installer's and audit-verify talks to a node:"
                + " --node URL --user NAME (--password-env VARIABLE | --password-file FILE).",
        footer = "%nRun 'exchange-node-cli COMMAND --help' for a command's options.")
public final class ExchangeNodeCli implements Callable<Integer> {
    /** Done, or the log verified, or every doctor check passed. */
    static final int OK = 0;
    /** The log is broken, a check failed, or the node refused or could not be reached. */
    static final int BROKEN = 1;
    /** The command line or an input file cannot be used. */
    static final int USAGE = 2;
    static final Map<String, String> EXIT_CODES = exitCodes();

    /** The commands by audience, in the order help and error messages list them. */
    static final Map<String, List<Class<?>>> GROUPS = groups();

    @Spec
    CommandSpec spec;
    /** Where progress goes as a bar (a terminal) or as plain lines (a file, a pipe, a test). */
    final boolean terminal;

    ExchangeNodeCli(boolean terminal) {
        this.terminal = terminal;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done (the log verified, every check passed)");
        codes.put("1", "a check failed, the log is broken, or the node refused or could not be reached");
        codes.put("2", "the command line or an input file cannot be used");
        return codes;
    }

    private static Map<String, List<Class<?>>> groups() {
        Map<String, List<Class<?>>> groups = new LinkedHashMap<>();
        groups.put("Installer (no node needed)", List.of(InstallerCommands.Keygen.class, InstallerCommands.Csr.class,
                InstallerCommands.ImportCert.class, TrustCommand.class, InstallerCommands.SampleCaCreate.class,
                InstallerCommands.SampleCaIssue.class, DoctorCommand.class));
        groups.put("Auditor (role auditor; audit-verify offline)", List.of(ExportCommand.class, VerifyCommand.class));
        groups.put("Operator (role operator; a change needs --reason and is audited)", List.of(
                OperatorListings.Counts.class, OperatorListings.Failed.class, OperatorListings.Inspect.class,
                OperatorActions.Replay.class, OperatorListings.Quarantine.class, OperatorActions.Reverify.class,
                OperatorListings.DeadLetters.class, OperatorActions.ReplayDeadLetters.class, OperatorActions.Ping.class,
                OperatorListings.ReplayRequests.class, OperatorActions.ApproveReplay.class, OperatorActions.RejectReplay.class));
        return groups;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err, System.console() != null));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, false);
    }

    static int run(List<String> args, PrintStream out, PrintStream err, boolean terminal) {
        return commandLine(out, err, terminal).execute(args.toArray(String[]::new));
    }

    /** The whole command line: commands by group, a --help on each, exit codes, errors that name the option. */
    static CommandLine commandLine(PrintStream out, PrintStream err, boolean terminal) {
        CommandLine cli = new CommandLine(new ExchangeNodeCli(terminal));
        GROUPS.values().forEach(commands -> commands.forEach(cli::addSubcommand));
        cli.addSubcommand("help", new CommandLine.HelpCommand());
        cli.getSubcommands().get("help").getCommandSpec().usageMessage().hidden(true);
        everyCommand(cli);
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Usage::groupedCommands);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(Usage::handle);
        cli.setExecutionExceptionHandler(Usage::refused);
        return cli;
    }

    private static void everyCommand(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("show this help and exit")
                    .build());
        }
        if (spec.usageMessage().exitCodeList().isEmpty()) {
            spec.usageMessage().exitCodeList(EXIT_CODES);
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n");
        spec.usageMessage().abbreviateSynopsis(false).sortOptions(false);
        command.getSubcommands().values().forEach(ExchangeNodeCli::everyCommand);
    }

    /** Without a command: the usage on standard error, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The command names in group order, for the message that rejects an unknown one. */
    static List<String> commandNames() {
        return GROUPS.values().stream().flatMap(List::stream)
                .map(c -> c.getAnnotation(Command.class).name()).toList();
    }
}
