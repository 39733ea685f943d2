package org.exchangenode.core.audit;

import java.io.PrintWriter;

/**
 * The verifier's report as people read it: the command line's {@code audit-verify} and the console's verification
 * print the same text, so that an auditor compares like with like.
 */
public final class VerificationText {
    private VerificationText() {
    }

    public static void print(ArchiveVerifier.Result result, PrintWriter out) {
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
