package org.exchangenode.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.audit.ArchiveManifest;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.AuditVerifier;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.TrustAnchors;

/** {@code verify}: one or more archives of one node, checked as one log against the given trust anchors. */
final class VerifyCommand {
    private final PrintStream out;

    VerifyCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        Arguments arguments = new Arguments(args, Set.of("anchors"));
        List<String> anchorFiles = arguments.all("anchors");
        if (anchorFiles.isEmpty()) {
            throw new Arguments.UsageException("option --anchors is required (the PEM file of the network's root "
                    + "certificate; the verifier trusts nothing inside the archives)");
        }
        if (arguments.positional().isEmpty()) {
            throw new Arguments.UsageException("give at least one archive (.zip) to verify");
        }
        List<Path> archives = arguments.positional().stream().map(Path::of).toList();
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                throw new Arguments.UsageException("archive " + archive + " does not exist or is not a file");
            }
        }
        TrustAnchors anchors;
        try {
            anchors = TrustAnchors.load(anchorFiles.stream().map(Path::of).toList());
        } catch (ExchangeException e) {
            throw new Arguments.UsageException("--anchors: " + e.getMessage());
        }

        ArchiveVerifier.Result result = new ArchiveVerifier(anchors).verify(archives);
        print(result);
        return result.intact() ? ExchangeNodeCli.OK : ExchangeNodeCli.BROKEN;
    }

    private void print(ArchiveVerifier.Result result) {
        AuditVerifier.Report report = result.report();
        out.println("Exchange Node audit verification");
        for (ArchiveManifest m : result.manifests()) {
            out.printf("archive      %s of node %s: entries %d..%d, written %s by %s%n", m.purpose(), m.nodeId(),
                    m.firstSequence(), m.lastSequence(), m.createdAt(), m.createdBy());
        }
        if (!result.manifests().isEmpty()) {
            ArchiveManifest first = result.manifests().get(0);
            ArchiveManifest last = result.manifests().get(result.manifests().size() - 1);
            out.printf("entries      %d checked (sequence %d..%d), %s to %s%n", report.entriesChecked(),
                    first.firstSequence(), last.lastSequence(), report.firstTime(), report.lastTime());
        }
        out.printf("messages     %d signatures and certificate chains verified%n", report.messagesVerified());
        out.printf("checkpoints  %d verified%n", report.checkpointsChecked());
        out.printf("outbound     %d business messages sent, %d with a matching Receipt, %d awaiting a Receipt%n",
                report.messagesSent(), report.receiptsMatched(), report.awaitingReceipt().size());
        report.awaitingReceipt().stream().limit(10).forEach(id -> out.println("             awaiting: " + id));
        if (report.awaitingReceipt().size() > 10) {
            out.println("             ... and " + (report.awaitingReceipt().size() - 10) + " more");
        }
        if (!result.manifests().isEmpty()) {
            out.println("chain start  " + (result.startsAtGenesis() ? "the node's first entry (genesis)"
                    : "links to hash " + result.manifests().get(0).previousHash() + " of entry "
                            + (result.manifests().get(0).firstSequence() - 1)
                            + ", not proven here: verify together with the earlier archives"));
        }
        report.unlogged().forEach(period -> out.println("UNLOGGED     " + period
                + ": the node ran with node.audit.enabled=false; nothing it did then is in the log"));
        if (report.intact() && !report.unlogged().isEmpty()) {
            out.println("RESULT       INTACT, with " + report.unlogged().size() + " unlogged period(s) (above)");
        } else if (report.intact()) {
            out.println("RESULT       INTACT");
        } else {
            out.printf("RESULT       BROKEN at sequence %d%s%n", report.firstBreak().sequence(),
                    result.brokenArchive() == null ? "" : " in " + result.brokenArchive());
            out.println("             " + report.firstBreak().reason());
        }
    }
}
