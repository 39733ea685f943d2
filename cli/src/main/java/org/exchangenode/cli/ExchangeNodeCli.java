package org.exchangenode.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The node's command line for installers, auditors and operators: one runnable jar, talking to a node's API (except
 * {@code audit-verify} and {@code doctor}, which need nothing but files and the network). Exit codes: 0 done (or the log verified), 1 the log is broken
 * or the node refused or could not be reached, 2 the command line or an input file cannot be used.
 */
public final class ExchangeNodeCli {
    static final int OK = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;
    private static final List<String> OPERATIONS = List.of("counts", "failed", "inspect", "replay", "quarantine",
            "reverify", "dead-letters", "replay-dead-letters", "ping");

    private ExchangeNodeCli() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            usage(args.isEmpty() ? err : out);
            return args.isEmpty() ? USAGE : OK;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if (OPERATIONS.contains(command)) {
                return new OperationsCommands(out).run(command, rest);
            }
            if (InstallerCommands.COMMANDS.contains(command)) {
                return new InstallerCommands(out).run(command, rest);
            }
            return switch (command) {
                case "audit-verify" -> new VerifyCommand(out).run(rest);
                case "audit-export" -> new ExportCommand(out).run(rest);
                case "doctor" -> new DoctorCommand(out).run(rest);
                default -> throw new Arguments.UsageException("unknown command '" + command + "' (commands: " + String.join(", ", InstallerCommands.COMMANDS)
                        + ", doctor, audit-export, audit-verify, " + String.join(", ", OPERATIONS) + ")");
            };
        } catch (Arguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for usage");
            return USAGE;
        }
    }

    private static void usage(PrintStream out) {
        out.println("""
                Exchange Node command line

                Every command but audit-verify talks to a node:
                  --node URL --user NAME (--password-env VARIABLE | --password-file FILE)

                Installer (no node needed)
                  keygen --out FILE [--algorithm sm2|p256]  a new signing key, readable by its owner only (never overwrites)
                  csr --key FILE --node-id ID --agency NAME --out FILE
                                                            the PKCS#10 request (CN = node id) for the network's CA
                  import-cert --key FILE --cert ISSUED.pem --anchors ROOTS.pem --out FILE
                                                            checks the issued certificate belongs to the key and chains
                                                            to the anchors, then writes it (with its issuer) for the node
                  trust list|add CERT.pem|remove FINGERPRINT --anchors ROOTS.pem
                  trust add-crl CRL-FILE --anchors ROOTS.pem --crls DIR   verifies a CA's CRL, puts it in node.trust.crls
                  trust list-crls --anchors ROOTS.pem --crls DIR | trust remove-crl CRL-FILE --crls DIR
                  sample-ca-create --out-cert FILE --out-key FILE [--days N]     TEST ONLY: a sample root CA
                  sample-ca-issue --csr FILE --ca-cert FILE --ca-key FILE --out FILE [--days N]
                                                            TEST ONLY: the sample CA issues a certificate for a request
                  doctor --config FILE [--date yyyy-MM-dd]  checks an installation from the node's configuration file:
                      key and certificate (days to expiry), trust anchors, CRLs, calendar for this year and the next
                      (--date: as on that day, e.g. before a new year),
                      peer directory, broker reachable with the node's credentials, database reachable and migrated;
                      one line per check (OK, WARN, FAIL); exit 1 on any FAIL

                Auditor (role auditor)
                  audit-export --out FILE [--from-sequence N] [--to-sequence N] [--from ISO-INSTANT] [--to ISO-INSTANT]
                      A sealed export of the node's log for the range asked (open ends: oldest entry held, head).
                  audit-verify --anchors FILE [--anchors FILE ...] ARCHIVE.zip [ARCHIVE.zip ...]
                      Offline, no node needed: verifies exports and sealed archives of one node as one log with the
                      trust anchors alone (chain, entry hashes, gaps, checkpoint signatures, every message's signature
                      and certificate chain, the Receipt of each delivered message). Prints a summary; on failure the
                      first break (sequence, expected, found).

                Operator (role operator); every change needs --reason and is recorded in the audit log
                  counts                                    messages by direction and status, duplicates, quarantine
                  failed [--peer ID] [--type T] [--error-code C] [--from T] [--to T] [--page N] [--size N]
                  inspect MESSAGE-ID                        header, attempts, errors, body with personal data masked
                  replay (--message-id ID ... | [--peer ID] [--type T] [--error-code C] [--from T] [--to T])
                         --reason TEXT [--dry-run]          same message ids; progress per 100, then a summary
                  quarantine [--peer ID] [--type T] [--error-code C] [--from T] [--to T] [--page N] [--size N]
                  reverify QUARANTINE-ID --reason TEXT [--dry-run]
                  dead-letters [--peer ID] [--type T] [--from T] [--to T] [--page N] [--size N]
                  replay-dead-letters [--id BROKER-ID ...] --reason TEXT [--dry-run]   (all of this node's if no --id)
                  ping PEER-ID [--timeout PT10S]            a signed Ping through the broker, answered by the peer's
                                                            signed Pong: round trip and the peer's certificate

                Exit codes: 0 done/verified, 1 broken log, refused or unreachable, 2 unusable command line or input.""");
    }
}
