package org.exchangenode.core.audit;

import java.time.Instant;

/**
 * One entry of the hash-chained log. {@code contentDigest} is the SM3 digest (hex) of the content the entry covers
 * (the signed message as on the wire, or an operator action's record), or null when there is none;
 * {@code previousHash} links to the entry before ({@link AuditChain#GENESIS} for the first), and {@code hash} covers
 * every other field. Nothing in an entry is personal data: ids, codes and digests only.
 */
public record AuditEntry(
        long sequence,
        Instant time,
        AuditKind kind,
        String messageId,
        String actor,
        String detail,
        String contentDigest,
        String previousHash,
        String hash) {
}
