package org.exchangenode.routes.audit;

import jakarta.inject.Singleton;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.audit.ArchiveManifest;
import org.exchangenode.core.audit.AuditArchiveWriter;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.routes.jdbc.AuditLog;

/**
 * Writes a range of the log as a self-contained archive: the entries with their contents, the stored checkpoints
 * inside the range, and a seal — a checkpoint signed now over the range's last entry — so that an archive cut short
 * cannot pass for a complete one.
 */
@Singleton
public class AuditExporter {
    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final NodeCredentials credentials;

    public AuditExporter(AuditLog log, AuditCheckpoints checkpoints, NodeCredentials credentials) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.credentials = credentials;
    }

    /** A range of sequences still in the database. */
    public record Range(long first, long last) {
    }

    /**
     * Resolves the requested range against what the database holds: open ends run to the oldest entry still held and
     * to the head; times select the entries written in [from, to).
     */
    public Range resolve(Long fromSequence, Long toSequence, Instant from, Instant to) {
        if (!log.enabled()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the audit log is disabled (node.audit.enabled=false)");
        }
        long oldest = log.firstSequence().orElseThrow(() -> new RangeException("the audit log holds no entries"
                + (log.archives().isEmpty() ? "" : " (older entries are in the sealed archives: GET /api/v1/audit/archives)")));
        long head = log.head().sequence();
        long first = fromSequence != null ? fromSequence
                : from != null ? log.firstSequenceFrom(from).orElse(head + 1) : oldest;
        long last = toSequence != null ? Math.min(toSequence, head)
                : to != null ? log.lastSequenceBefore(to).orElse(0L) : head;
        if (fromSequence != null && fromSequence < 1 || toSequence != null && toSequence < 1) {
            throw new RangeException("fromSequence and toSequence start at 1");
        }
        if (first > last) {
            throw new RangeException("no entries in the range asked for (the log holds " + oldest + ".." + head + ")");
        }
        if (first < oldest) {
            throw new RangeException("entries before " + oldest + " were moved to sealed archives; export from "
                    + oldest + " and fetch the archives (GET /api/v1/audit/archives)");
        }
        return new Range(first, last);
    }

    /** A range that cannot be exported, named in the message. */
    public static final class RangeException extends RuntimeException {
        public RangeException(String message) {
            super(message);
        }
    }

    public ArchiveManifest write(Range range, OutputStream out, String purpose, String createdBy) {
        AuditArchiveWriter writer = new AuditArchiveWriter(out);
        AuditEntry[] last = new AuditEntry[1];
        String[] previous = {null};
        log.forEachEntry(range.first(), range.last(), (entry, content) -> {
            if (previous[0] == null) {
                previous[0] = entry.previousHash();
            }
            writer.entry(entry, content);
            last[0] = entry;
        });
        if (last[0] == null || last[0].sequence() != range.last()) {
            throw new RangeException("entries " + range.first() + ".." + range.last()
                    + " are no longer all in the database (archived meanwhile); ask again");
        }
        List<Checkpoint> stored = log.checkpoints(range.first(), range.last());
        stored.forEach(writer::checkpoint);
        if (stored.stream().noneMatch(c -> c.sequence() == range.last())) {
            writer.checkpoint(checkpoints.sign(last[0].sequence(), last[0].hash()));
        }
        ArchiveManifest manifest = writer.finish(purpose, credentials.nodeId(),
                previous[0] == null ? AuditChain.GENESIS : previous[0], Instant.now(), createdBy);
        writer.close();
        return manifest;
    }
}
