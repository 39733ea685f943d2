package org.exchangenode.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.VerificationText;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code audit-verify}: one or more archives of one node, checked as one log against the given trust anchors. */
@Command(name = "audit-verify", header = "Offline: verifies exports and archives of one node as one log with the trust anchors alone.",
        description = {"Offline, no node needed: verifies exports and sealed archives of one "
        + "node as one log with the trust anchors alone.", "Checks the chain, entry hashes, gaps, checkpoint signatures,"
        + " every message's signature and certificate chain, the Receipt of each delivered message. Prints a summary;"
        + " on failure the first break (sequence, expected, found)."},
        exitCodeList = {"0:the log is intact", "1:the log is broken", "2:the command line, an archive or the anchors "
                + "cannot be used"})
final class VerifyCommand implements Callable<Integer> {
    static final int PLAIN_EVERY = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--anchors", required = true, paramLabel = "FILE",
            description = "the PEM file of the network's root certificate (repeatable); the verifier trusts nothing "
                    + "inside the archives")
    List<Path> anchorFiles;

    @Parameters(paramLabel = "ARCHIVE", arity = "1..*", description = "exports and archives (.zip) of one node")
    List<Path> archives;

    @ParentCommand
    ExchangeNodeCli root;

    private PrintWriter out;
    private Progress progress;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                throw Usage.error(spec, "archive " + archive + " does not exist or is not a file");
            }
        }
        TrustAnchors anchors;
        try {
            anchors = TrustAnchors.load(anchorFiles);
        } catch (ExchangeException e) {
            throw Usage.error(spec, "--anchors: " + e.getMessage());
        }

        ArchiveVerifier.Result result = new ArchiveVerifier(anchors).verify(archives, progress());
        if (progress != null) {
            progress.finish();
        }
        VerificationText.print(result, out);
        return result.intact() ? ExchangeNodeCli.OK : ExchangeNodeCli.BROKEN;
    }

    /**
     * The contents pass, the long one: on a terminal a bar redrawn every 100 entries; elsewhere a line every
     * {@link #PLAIN_EVERY} entries, so that an archive of a few thousand entries prints only its report.
     */
    private ArchiveVerifier.Listener progress() {
        boolean terminal = root != null && root.terminal;
        long every = terminal ? 100 : PLAIN_EVERY;
        return new ArchiveVerifier.Listener() {
            private long shown;

            @Override
            public void reached(long sequence, long first, long last) {
                long done = sequence - first + 1;
                if (progress == null) {
                    progress = new Progress(out, terminal, "checked entries", last - first + 1);
                }
                if (done - shown >= every) {
                    shown = done;
                    progress.step(done, "");
                }
            }
        };
    }
}
