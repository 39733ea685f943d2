package org.exchangenode.core.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.exchangenode.core.signing.TrustAnchors;

/**
 * Verifies one or more audit archives of one node (exports, sealed retention archives) as one log: they are put in
 * sequence order and the chain must run through them without a gap. Besides {@link AuditVerifier}'s checks, each
 * archive must hold exactly the entries its manifest claims, and its last entry must be covered by a signed
 * checkpoint inside it (the seal), so that cutting entries off the end is detected even when the manifest is
 * rewritten to match.
 */
public final class ArchiveVerifier {
    private final AuditVerifier verifier;

    public ArchiveVerifier(TrustAnchors anchors) {
        this.verifier = new AuditVerifier(anchors);
    }

    /**
     * @param startsAtGenesis true when the first archive starts the node's log (its first entry links to
     *                        {@link AuditChain#GENESIS}); otherwise its link to the entries before it is taken from
     *                        the manifest and is not proven
     */
    public record Result(AuditVerifier.Report report, List<ArchiveManifest> manifests, String brokenArchive,
                         boolean startsAtGenesis) {
        public boolean intact() {
            return report.intact();
        }
    }

    /**
     * Told how far a verification has come during its long pass, over the contents (digests and message signatures):
     * the sequence of the entry reached, of {@code first..last}. For a progress display; it cannot change the result.
     */
    @FunctionalInterface
    public interface Listener {
        void reached(long sequence, long first, long last);
    }

    public Result verify(List<Path> archives) {
        return verify(archives, (sequence, first, last) -> { });
    }

    public Result verify(List<Path> archives, Listener listener) {
        List<AuditArchiveReader> readers = new ArrayList<>();
        try {
            for (Path path : archives) {
                try {
                    readers.add(new AuditArchiveReader(path));
                } catch (AuditArchiveReader.DamagedArchiveException e) {
                    return failed(List.of(), path.getFileName().toString(), 0, e.getMessage());
                }
            }
            readers.sort(Comparator.comparingLong(r -> r.manifest().firstSequence()));
            List<ArchiveManifest> manifests = readers.stream().map(AuditArchiveReader::manifest).toList();
            String nodeId = manifests.isEmpty() ? null : manifests.get(0).nodeId();
            for (AuditArchiveReader reader : readers) {
                if (!reader.manifest().nodeId().equals(nodeId)) {
                    return failed(manifests, name(reader), reader.manifest().firstSequence(),
                            "the archive is of node " + reader.manifest().nodeId() + ", the others of " + nodeId);
                }
            }
            List<AuditEntry> entries = new ArrayList<>();
            List<Checkpoint> checkpoints = new ArrayList<>();
            readers.forEach(r -> {
                entries.addAll(r.entries());
                checkpoints.addAll(r.checkpoints());
            });
            String previousHash = manifests.isEmpty() ? AuditChain.GENESIS : manifests.get(0).previousHash();
            long first = entries.isEmpty() ? 0 : entries.get(0).sequence();
            long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence();
            AuditVerifier.Report report = verifier.verify(previousHash, entries, entry -> {
                listener.reached(entry.sequence(), first, last);
                return readerOf(readers, entry.sequence()).content(entry.sequence());
            }, checkpoints);
            boolean genesis = AuditChain.GENESIS.equals(previousHash);
            if (!report.intact()) {
                AuditArchiveReader broken = readerOf(readers, report.firstBreak().sequence());
                return new Result(report, manifests, broken == null ? null : name(broken), genesis);
            }
            for (AuditArchiveReader reader : readers) {
                String problem = claims(reader, nodeId);
                if (problem != null) {
                    return new Result(report.broken(new AuditVerifier.Break(reader.manifest().lastSequence(), problem)),
                            manifests, name(reader), genesis);
                }
            }
            return new Result(report, manifests, null, genesis);
        } finally {
            readers.forEach(AuditArchiveReader::close);
        }
    }

    private static String claims(AuditArchiveReader reader, String nodeId) {
        ArchiveManifest manifest = reader.manifest();
        List<AuditEntry> entries = reader.entries();
        long first = entries.isEmpty() ? 0 : entries.get(0).sequence();
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence();
        if (manifest.entryCount() != entries.size() || manifest.firstSequence() != first
                || manifest.lastSequence() != last) {
            return "the manifest claims " + manifest.entryCount() + " entries " + manifest.firstSequence() + ".."
                    + manifest.lastSequence() + " but the archive holds " + entries.size() + " entries " + first
                    + ".." + last + " (the archive was cut)";
        }
        if (entries.isEmpty()) {
            return null;
        }
        boolean sealed = reader.checkpoints().stream()
                .anyMatch(c -> c.sequence() == last && c.nodeId().equals(nodeId));
        return sealed ? null : "the last entry, " + last + ", is not covered by a signed checkpoint of node " + nodeId
                + " in the archive (the archive was cut or its seal removed)";
    }

    private static AuditArchiveReader readerOf(List<AuditArchiveReader> readers, long sequence) {
        for (AuditArchiveReader reader : readers) {
            if (!reader.entries().isEmpty() && sequence >= reader.entries().get(0).sequence()
                    && sequence <= reader.entries().get(reader.entries().size() - 1).sequence()) {
                return reader;
            }
        }
        return readers.isEmpty() ? null : readers.get(readers.size() - 1);
    }

    private static String name(AuditArchiveReader reader) {
        return reader.path().getFileName().toString();
    }

    private static Result failed(List<ArchiveManifest> manifests, String archive, long sequence, String reason) {
        return new Result(new AuditVerifier.Report(0, 0, 0, 0, 0, List.of(), null, null,
                new AuditVerifier.Break(sequence, reason)), manifests, archive, false);
    }
}
