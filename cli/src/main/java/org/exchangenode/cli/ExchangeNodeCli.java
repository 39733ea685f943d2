package org.exchangenode.audittool;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The auditor's command line.
 *
 * <pre>
 * java -jar exchange-node-audit.jar verify --anchors root-ca.crt.pem EXPORT.zip [ARCHIVE.zip ...]
 * java -jar exchange-node-audit.jar export --node http://127.0.0.1:8080 --user NAME --password-env VAR
 *                                          [--from-sequence N] [--to-sequence N] [--from ISO] [--to ISO] --out FILE
 * </pre>
 *
 * Exit codes: 0 verified (or exported), 1 the log is broken (or the node refused the export), 2 the command line or
 * an input file cannot be used.
 */
public final class AuditTool {
    static final int OK = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;

    private AuditTool() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            usage(args.isEmpty() ? err : out);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "verify" -> new VerifyCommand(out).run(rest);
                case "export" -> new ExportCommand(out).run(rest);
                default -> throw new Arguments.UsageException("unknown command '" + args.get(0)
                        + "' (commands: verify, export)");
            };
        } catch (Arguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for usage");
            return USAGE;
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                Exchange Node audit tool

                  verify --anchors FILE [--anchors FILE ...] ARCHIVE.zip [ARCHIVE.zip ...]
                      Verifies exports and sealed archives of one node offline, as one log, with the trust anchors
                      alone: chain and entry hashes, sequence gaps, checkpoint signatures, every message's signature
                      and certificate chain, and the Receipt of each delivered message. Prints a summary; on failure
                      the first break (sequence, expected, found) and exit code 1.

                  export --node URL --user NAME (--password-env VAR | --password-file FILE) --out FILE
                         [--from-sequence N] [--to-sequence N] [--from ISO-INSTANT] [--to ISO-INSTANT]
                      Downloads a sealed export of the node's log (role auditor) for the range asked; open ends run
                      to the oldest entry in the node's database and to the head.

                Exit codes: 0 verified/exported, 1 broken log or export refused, 2 unusable command line or input.""");
    }
}
