package org.exchangenode.core.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.TrustAnchors;

/**
 * Checks a log without trusting whoever kept it: the sequence has no gap, every entry links to the one before and
 * hashes to what it says, every content matches its digest and every signed message verifies (at the time the entry
 * was written) with the trust anchors, and every checkpoint names an entry of the log with that entry's hash and is
 * signed by the node's trusted key. Reports the first break precisely. Thread-safe.
 */
public final class AuditVerifier {
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    private final MessageVerifier messages;
    private final CertificateChecker certificates;

    public AuditVerifier(TrustAnchors anchors) {
        this.messages = new MessageVerifier(anchors);
        this.certificates = new CertificateChecker(anchors);
    }

    /** Where and why the log stops being trustworthy. */
    public record Break(long sequence, String reason) {
    }

    public record Report(long entriesChecked, int messagesVerified, int checkpointsChecked, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /**
     * @param previousHash the hash the first entry must link to: {@link AuditChain#GENESIS} for a whole log, or the
     *                     hash of the last entry of the archive before
     * @param contents     the content of an entry (null when it is missing)
     */
    public Report verify(String previousHash, List<AuditEntry> entries, Function<AuditEntry, byte[]> contents,
                         List<Checkpoint> checkpoints) {
        String previous = previousHash;
        long expected = entries.isEmpty() ? 0 : entries.get(0).sequence();
        long checked = 0;
        int verifiedMessages = 0;
        Map<Long, AuditEntry> bySequence = new HashMap<>();
        for (AuditEntry entry : entries) {
            String problem = entry.sequence() != expected ? "expected sequence " + expected + " (an entry is missing or out of order)"
                    : !entry.previousHash().equals(previous) ? "previous hash does not match the entry before"
                    : !AuditChain.hashOf(entry).equals(entry.hash()) ? "the entry was altered (its hash does not match its fields)"
                    : null;
            if (problem == null && entry.contentDigest() != null) {
                problem = content(entry, contents.apply(entry));
                if (problem == null && entry.kind().signedContent()) {
                    verifiedMessages++;
                }
            }
            if (problem != null) {
                return new Report(checked, verifiedMessages, 0, new Break(entry.sequence(), problem));
            }
            bySequence.put(entry.sequence(), entry);
            previous = entry.hash();
            expected++;
            checked++;
        }
        int checkedCheckpoints = 0;
        for (Checkpoint checkpoint : checkpoints) {
            String problem = checkpoint(checkpoint, bySequence.get(checkpoint.sequence()), expected - 1);
            if (problem != null) {
                return new Report(checked, verifiedMessages, checkedCheckpoints, new Break(checkpoint.sequence(), problem));
            }
            checkedCheckpoints++;
        }
        return new Report(checked, verifiedMessages, checkedCheckpoints, null);
    }

    private String content(AuditEntry entry, byte[] content) {
        if (content == null) {
            return "the content of " + entry.kind() + " " + entry.messageId() + " is missing";
        }
        if (!AuditChain.sm3Hex(content).equals(entry.contentDigest())) {
            return "the content of " + entry.kind() + " " + entry.messageId() + " was altered (digest mismatch)";
        }
        if (!entry.kind().signedContent()) {
            return null;
        }
        try {
            Envelope envelope = EnvelopeCodec.parse(content, MAX_MESSAGE_BYTES);
            if (!envelope.header().messageId().equals(entry.messageId())) {
                return "the entry names message " + entry.messageId() + " but its content is message "
                        + envelope.header().messageId();
            }
            messages.verify(envelope, entry.time());
            return null;
        } catch (ExchangeException e) {
            return "message " + entry.messageId() + " does not verify: " + e.code() + " " + e.getMessage();
        }
    }

    private String checkpoint(Checkpoint checkpoint, AuditEntry entry, long lastSequence) {
        if (entry == null) {
            return checkpoint.sequence() > lastSequence
                    ? "a checkpoint covers sequence " + checkpoint.sequence() + " but the log ends at " + lastSequence
                            + " (entries were removed)"
                    : "a checkpoint covers sequence " + checkpoint.sequence() + ", which is not in this log";
        }
        if (!entry.hash().equals(checkpoint.headHash())) {
            return "the checkpoint's head hash differs from entry " + entry.sequence() + " (the log was rewritten)";
        }
        if (!checkpoint.signatureValid()) {
            return "the checkpoint's signature does not verify";
        }
        try {
            certificates.check(checkpoint.chain(), checkpoint.time(), checkpoint.nodeId());
            return null;
        } catch (ExchangeException e) {
            return "the checkpoint's signer is not trusted: " + e.code() + " " + e.getMessage();
        }
    }
}
