package org.exchangenode.core.audit;

import java.time.Instant;

/**
 * What an audit archive (an export, or a sealed retention archive) says about itself. Nothing here is trusted by the
 * verifier except as a claim to check: the entries, their hashes and the signed checkpoints are the evidence.
 *
 * @param purpose       {@code export} (written on request) or {@code archive} (entries moved out of the database)
 * @param previousHash  the hash the first entry links to ({@link AuditChain#GENESIS} when the log starts here)
 * @param createdBy     who asked for it (an auditor's user name, or {@code node} for retention)
 */
public record ArchiveManifest(String format, String purpose, String nodeId, long firstSequence, long lastSequence,
                              long entryCount, String previousHash, Instant firstTime, Instant lastTime,
                              Instant createdAt, String createdBy) {
    public static final String FORMAT = "exchange-node-audit-archive-1";
}
