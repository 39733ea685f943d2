package org.exchangenode.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.exchangenode.core.error.ExchangeException;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * How the command line says no. An unusable command line exits 2 with one line naming the option (or argument) and
 * the rule, never the value given (it may be a person's data); a refusal by the node or by a check exits 1.
 */
final class Usage {
    /** picocli's words for {@code --dry-run=yes}, which would otherwise echo the value. */
    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("option '(--[\\w-]+)' should be specified without .*");
    private Usage() {
    }

    /** An unusable command line found while running a command; handled like a parse error (exit 2). */
    static ParameterException error(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    static int handle(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + message(e));
        err.println("run '" + command.getCommandSpec().qualifiedName() + " --help' for usage");
        return ExchangeNodeCli.USAGE;
    }

    /** What the node or a check refused: one line on standard output, exit 1. Anything else is a bug: thrown. */
    static int refused(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        PrintWriter out = command.getOut();
        if (e instanceof NodeApi.Refused) {
            out.println("refused by the node: " + e.getMessage());
        } else if (e instanceof NodeApi.Unreachable) {
            out.println(e.getMessage());
        } else if (e instanceof ExchangeException) {
            out.println("refused: " + e.getMessage());
        } else {
            throw e;
        }
        out.flush();
        return ExchangeNodeCli.BROKEN;
    }

    private static String message(ParameterException e) {
        if (e instanceof CommandLine.MissingParameterException missing) {
            return missing.getMissing().stream().map(Usage::missing).collect(Collectors.joining("; "));
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given more than once; give it once";
        }
        ArgSpec arg = e.getArgSpec();
        if (arg != null && arg.isOption() && ((OptionSpec) arg).arity().max() == 0) {
            return name(arg) + " takes no value";
        }
        if (arg != null && e.getCause() instanceof CommandLine.TypeConversionException conversion) {
            Class<?> type = arg.auxiliaryTypes()[0];
            String rule = type.isEnum() && arg.completionCandidates() != null
                    ? "must be one of " + String.join(", ", arg.completionCandidates()) : conversion.getMessage();
            return name(arg) + " " + rule;
        }
        if (arg != null && e.getCause() != null) {
            return name(arg) + " cannot be used as given";
        }
        Matcher flag = FLAG_WITH_VALUE.matcher(String.valueOf(e.getMessage()));
        if (flag.matches()) {
            return "option " + flag.group(1) + " takes no value";
        }
        return e.getMessage();
    }

    private static String missing(ArgSpec arg) {
        if (arg.isOption()) {
            return name(arg) + " is required";
        }
        return (arg.arity().max() == 1 ? "give exactly one " : "give at least one ") + arg.paramLabel();
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        if (spec.parent() == null && !first.startsWith("-")) {
            return "unknown command '" + first + "' (commands: " + String.join(", ", ExchangeNodeCli.commandNames()) + ")";
        }
        if (first.startsWith("-")) {
            String option = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return "unknown option " + option + " (known: " + spec.options().stream().map(OptionSpec::longestName)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (!spec.subcommands().isEmpty()) {
            return "give one of " + String.join(", ", spec.subcommands().keySet());
        }
        return unmatched.size() + " argument(s) more than " + spec.qualifiedName() + " takes";
    }

    private static String name(ArgSpec arg) {
        return arg.isOption() ? "option " + ((OptionSpec) arg).longestName() : arg.paramLabel();
    }

    /** The top-level help's command list, one heading per audience, each command with its header line. */
    static String groupedCommands(Help help) {
        Map<String, Help> byName = help.subcommands();
        StringBuilder text = new StringBuilder();
        ExchangeNodeCli.GROUPS.forEach((group, commands) -> {
            text.append(String.format("%n%s%n", group));
            for (Class<?> command : commands) {
                String name = command.getAnnotation(CommandLine.Command.class).name();
                String[] header = byName.get(name).commandSpec().usageMessage().header();
                text.append(String.format("  %-20s %s%n", name, wrap(header.length == 0 ? "" : header[0])));
            }
        });
        return text.toString();
    }

    private static String wrap(String line) {
        StringBuilder wrapped = new StringBuilder();
        int column = 0;
        for (String word : line.split(" ")) {
            if (column > 0 && column + word.length() + 1 > 57) {
                wrapped.append(String.format("%n%23s", ""));
                column = 0;
            } else if (column > 0) {
                wrapped.append(' ');
                column++;
            }
            wrapped.append(word);
            column += word.length();
        }
        return wrapped.toString();
    }
}
