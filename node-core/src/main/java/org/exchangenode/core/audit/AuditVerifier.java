package org.exchangenode.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.transport.ReceiptContent;
import org.exchangenode.core.transport.TransportMessages;

/**
 * Checks a log without trusting whoever kept it, in four passes, and reports the first break of the first pass that
 * fails:
 * <ol>
 *   <li>the chain: the sequence has no gap, every entry links to the one before and hashes to what it says;</li>
 *   <li>the checkpoints: each names an entry of the log with that entry's hash and is signed by a trusted key of
 *       the node (a rewritten and re-chained tail passes 1 but not 2);</li>
 *   <li>the contents: each matches its digest, and every signed message verifies (at the time its entry was
 *       written) with the trust anchors and is the message its entry names;</li>
 *   <li>the receipts: every Receipt received names a message sent in the log with that message's canonical digest,
 *       and comes from its addressee.</li>
 * </ol>
 * Thread-safe.
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

    /**
     * What was checked. {@code receiptsMatched} counts the business messages sent in the log that have at least one
     * matching Receipt in it (a receiver answers a repeated delivery with another Receipt). {@code awaitingReceipt} lists the business messages sent in the log for which no Receipt is
     * in the log (not a break: the peer may still answer, or the message is FAILED).
     */
    public record Report(long entriesChecked, int messagesVerified, int checkpointsChecked, int messagesSent,
                         int receiptsMatched, List<String> awaitingReceipt, Instant firstTime, Instant lastTime,
                         Break firstBreak, List<Unlogged> unlogged) {
        public Report(long entriesChecked, int messagesVerified, int checkpointsChecked, int messagesSent,
                      int receiptsMatched, List<String> awaitingReceipt, Instant firstTime, Instant lastTime,
                      Break firstBreak) {
            this(entriesChecked, messagesVerified, checkpointsChecked, messagesSent, receiptsMatched, awaitingReceipt,
                    firstTime, lastTime, firstBreak, List.of());
        }

        public boolean intact() {
            return firstBreak == null;
        }

        Report broken(Break reason) {
            return new Report(entriesChecked, messagesVerified, checkpointsChecked, messagesSent, receiptsMatched,
                    awaitingReceipt, firstTime, lastTime, reason, unlogged);
        }
    }

    /**
     * A period the node ran with the log off: from its {@link AuditKind#AUDIT_DISABLED} entry to the next
     * {@link AuditKind#AUDIT_ENABLED} ({@code to} and {@code toSequence} null when the entries end with the log still
     * off; {@code from} and {@code fromSequence} null when the entries given start inside the period). Not a break of
     * the chain, but nothing the node did in it is in the log.
     */
    public record Unlogged(Long fromSequence, Instant from, Long toSequence, Instant to) {
        @Override
        public String toString() {
            return "unlogged period from " + (from == null ? "before the first entry given" : from + " (sequence "
                    + fromSequence + ")") + " to "
                    + (to == null ? "the end of the log (still off)" : to + " (sequence " + toSequence + ")");
        }
    }

    /** The periods with the log off, from the switch entries (a second AUDIT_DISABLED continues the open period). */
    static List<Unlogged> unlogged(List<AuditEntry> entries) {
        List<Unlogged> periods = new ArrayList<>();
        AuditEntry off = null;
        for (AuditEntry entry : entries) {
            if (entry.kind() == AuditKind.AUDIT_DISABLED && off == null) {
                off = entry;
            } else if (entry.kind() == AuditKind.AUDIT_ENABLED) {
                periods.add(new Unlogged(off == null ? null : off.sequence(), off == null ? null : off.time(),
                        entry.sequence(), entry.time()));
                off = null;
            }
        }
        if (off != null) {
            periods.add(new Unlogged(off.sequence(), off.time(), null, null));
        }
        return List.copyOf(periods);
    }

    private record Sent(String digest, String to) {
    }

    /**
     * @param previousHash the hash the first entry must link to: {@link AuditChain#GENESIS} for a whole log, or the
     *                     hash of the last entry of the archive before
     * @param contents     the content of an entry (null when it is missing)
     */
    public Report verify(String previousHash, List<AuditEntry> entries, Function<AuditEntry, byte[]> contents,
                         List<Checkpoint> checkpoints) {
        Instant first = entries.isEmpty() ? null : entries.get(0).time();
        Instant last = entries.isEmpty() ? null : entries.get(entries.size() - 1).time();
        Report report = new Report(0, 0, 0, 0, 0, List.of(), first, last, null);

        // 1. the chain
        String previous = previousHash;
        long expected = entries.isEmpty() ? 0 : entries.get(0).sequence();
        Map<Long, AuditEntry> bySequence = new HashMap<>();
        Set<Long> present = new HashSet<>();
        entries.forEach(e -> present.add(e.sequence()));
        for (AuditEntry entry : entries) {
            String problem = entry.sequence() != expected
                    ? "expected sequence " + expected + ", found " + entry.sequence()
                            + (present.contains(expected) ? " (entries are out of order)" : " (entries are missing)")
                    : !entry.previousHash().equals(previous)
                            ? "previous hash " + entry.previousHash() + " does not match the hash of the entry before, "
                                    + previous
                    : !AuditChain.hashOf(entry).equals(entry.hash())
                            ? "the entry was altered (its hash does not match its fields)"
                    : null;
            if (problem != null) {
                return report.broken(new Break(entry.sequence(), problem));
            }
            bySequence.put(entry.sequence(), entry);
            previous = entry.hash();
            expected++;
        }
        long checked = entries.size();

        // 2. the checkpoints
        int checkedCheckpoints = 0;
        for (Checkpoint checkpoint : checkpoints) {
            String problem = checkpoint(checkpoint, bySequence.get(checkpoint.sequence()), expected - 1);
            if (problem != null) {
                return new Report(checked, 0, checkedCheckpoints, 0, 0, List.of(), first, last,
                        new Break(checkpoint.sequence(), problem));
            }
            checkedCheckpoints++;
        }

        // 3. and 4. the contents and the receipts
        int verifiedMessages = 0;
        Map<String, Sent> sent = new LinkedHashMap<>();
        Set<String> receipted = new HashSet<>();
        for (AuditEntry entry : entries) {
            if (entry.contentDigest() == null) {
                continue;
            }
            String problem;
            Envelope envelope = null;
            byte[] content = contents.apply(entry);
            problem = content(entry, content);
            if (problem == null && entry.kind().signedContent()) {
                try {
                    envelope = EnvelopeCodec.parse(content, MAX_MESSAGE_BYTES);
                    problem = signed(entry, envelope);
                } catch (ExchangeException e) {
                    problem = "message " + entry.messageId() + " cannot be read: " + e.code() + " " + e.getMessage();
                }
            }
            if (problem == null && envelope != null) {
                verifiedMessages++;
                if (entry.kind() == AuditKind.MESSAGE_SENT && envelope.header().type().business()) {
                    // only a business message is answered by a Receipt (a Ping by a Pong)
                    sent.put(entry.messageId(), new Sent(TransportMessages.canonicalDigest(envelope.document()),
                            envelope.header().to()));
                } else if (entry.kind() == AuditKind.RECEIPT_RECEIVED) {
                    problem = receipt(envelope, sent);
                    String acknowledged = TransportMessages.readReceipt(envelope.bodyContent()).receivedMessageId();
                    if (problem == null && sent.containsKey(acknowledged)) {
                        receipted.add(acknowledged);
                    }
                }
            }
            if (problem != null) {
                return new Report(checked, verifiedMessages, checkedCheckpoints, sent.size(), receipted.size(),
                        List.of(), first, last, new Break(entry.sequence(), problem));
            }
        }
        List<String> awaiting = new ArrayList<>(sent.keySet());
        awaiting.removeAll(receipted);
        return new Report(checked, verifiedMessages, checkedCheckpoints, sent.size(), receipted.size(),
                List.copyOf(awaiting), first, last, null, unlogged(entries));
    }

    private static String content(AuditEntry entry, byte[] content) {
        if (content == null) {
            return "the content of " + entry.kind() + " " + entry.messageId() + " is missing";
        }
        String digest = AuditChain.sm3Hex(content);
        if (!digest.equals(entry.contentDigest())) {
            return "the content of " + entry.kind() + " " + entry.messageId() + " was altered: the entry says SM3 "
                    + entry.contentDigest() + ", the content has " + digest;
        }
        return null;
    }

    private String signed(AuditEntry entry, Envelope envelope) {
        if (!envelope.header().messageId().equals(entry.messageId())) {
            return "the entry names message " + entry.messageId() + " but its content is message "
                    + envelope.header().messageId();
        }
        MessageType type = envelope.header().type();
        boolean receiptKind = entry.kind() == AuditKind.RECEIPT_SENT || entry.kind() == AuditKind.RECEIPT_RECEIVED;
        boolean errorKind = entry.kind() == AuditKind.ERROR_SENT || entry.kind() == AuditKind.ERROR_RECEIVED;
        // a message sent or received is a business form, or a Ping or Pong of an operator's connectivity check
        boolean fits = receiptKind ? type == MessageType.RECEIPT : errorKind ? type == MessageType.ERROR
                : type.business() || type == MessageType.PING || type == MessageType.PONG;
        if (!fits) {
            return "the entry is a " + entry.kind() + " but its content is a " + type.wireName();
        }
        try {
            messages.verify(envelope, entry.time());
            return null;
        } catch (ExchangeException e) {
            return "message " + entry.messageId() + " does not verify: " + e.code() + " " + e.getMessage();
        }
    }

    private static String receipt(Envelope envelope, Map<String, Sent> sent) {
        ReceiptContent receipt = TransportMessages.readReceipt(envelope.bodyContent());
        Sent original = sent.get(receipt.receivedMessageId());
        if (original == null) {
            return null; // the message was sent before this log (or export) begins
        }
        if (!original.to().equals(envelope.header().from())) {
            return "the Receipt for " + receipt.receivedMessageId() + " comes from " + envelope.header().from()
                    + ", but the message was sent to " + original.to();
        }
        if (!original.digest().equals(receipt.digestValue())) {
            return "the Receipt for " + receipt.receivedMessageId() + " acknowledges digest " + receipt.digestValue()
                    + ", but the message sent has " + original.digest();
        }
        return null;
    }

    private String checkpoint(Checkpoint checkpoint, AuditEntry entry, long lastSequence) {
        if (entry == null) {
            return checkpoint.sequence() > lastSequence
                    ? "a checkpoint covers sequence " + checkpoint.sequence() + " but the log ends at " + lastSequence
                            + " (entries were removed)"
                    : "a checkpoint covers sequence " + checkpoint.sequence() + ", which is not in this log";
        }
        if (!entry.hash().equals(checkpoint.headHash())) {
            return "the checkpoint's head hash " + checkpoint.headHash() + " differs from entry " + entry.sequence()
                    + "'s hash " + entry.hash() + " (the log was rewritten)";
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
