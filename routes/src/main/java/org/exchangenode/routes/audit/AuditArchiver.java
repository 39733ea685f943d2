package org.exchangenode.routes.audit;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.exchangenode.core.audit.ArchiveManifest;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.jdbc.AuditLog;
import org.jboss.logging.Logger;

/**
 * Retention: entries older than {@code node.audit.retain-for} move into a sealed archive file (the export format,
 * sealed by a checkpoint over its last entry), written and forced to disk before the entries are deleted from the
 * database. The chain continues: the next entry still links to the last archived one, and the verifier checks the
 * archives and a later export as one log. The move itself is logged.
 */
@Singleton
public class AuditArchiver {
    private static final Logger LOG = Logger.getLogger(AuditArchiver.class);
    private final AuditLog log;
    private final AuditExporter exporter;
    private final AuditConfig config;
    private final String nodeId;

    public AuditArchiver(AuditLog log, AuditExporter exporter, AuditConfig config, NodeConfig node) {
        this.log = log;
        this.exporter = exporter;
        this.config = config;
        this.nodeId = node.id();
    }

    public Path directory() {
        return config.archiveDir();
    }

    /** Archives what retention allows now. */
    public Optional<ArchiveRecord> run() {
        if (!log.enabled() || config.retainFor().isEmpty()) {
            return Optional.empty();
        }
        return archiveBefore(Instant.now().minus(config.retainFor().get()));
    }

    /** Archives every entry written before {@code cutoff}. */
    public Optional<ArchiveRecord> archiveBefore(Instant cutoff) {
        Optional<Long> last = log.lastSequenceBefore(cutoff);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Optional<ArchiveRecord> record = log.archive(last.get(), this::writeFile);
        record.ifPresent(r -> {
            LOG.infof("audit entries %d..%d archived to %s", r.firstSequence(), r.lastSequence(), r.fileName());
            log.record(AuditEvent.byNode(AuditKind.OPERATOR_ACTION, null, "retention: entries "
                    + r.firstSequence() + ".." + r.lastSequence() + " moved to sealed archive " + r.fileName()
                    + " (SM3 " + r.fileSm3() + ")", null));
        });
        return record;
    }

    private static String sm3(Path file) throws IOException, GeneralSecurityException {
        MessageDigest sm3 = MessageDigest.getInstance("SM3", CryptoProviders.bc());
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sm3)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sm3.digest());
    }

    private ArchiveRecord writeFile(long first, long last) {
        try {
            Path dir = Files.createDirectories(directory());
            String name = "audit-" + nodeId + "-" + String.format("%012d-%012d", first, last) + ".zip";
            Path temporary = dir.resolve(name + ".partial");
            ArchiveManifest manifest;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                manifest = exporter.write(new AuditExporter.Range(first, last), out, "archive", "node");
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Path file = Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            String lastHash = log.entries(last, last, 1).get(0).hash();
            return new ArchiveRecord(name, manifest.firstSequence(), manifest.lastSequence(), lastHash,
                    sm3(file), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit archive: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM3 unavailable", e);
        }
    }
}
