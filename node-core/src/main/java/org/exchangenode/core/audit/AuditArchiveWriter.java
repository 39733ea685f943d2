package org.exchangenode.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.exchangenode.core.pki.PemFiles;

/**
 * Writes an audit archive: a zip holding {@code content/<sequence>} (each entry's content, byte for byte),
 * {@code entries.jsonl}, {@code checkpoints.jsonl}, {@code certificates.pem} (the node's chain, for reading; the
 * verifier trusts only the anchors it is given) and {@code manifest.json}, written last. Entries are streamed: only
 * their small JSON lines are held until {@link #finish}. Entries must come in sequence order.
 */
public final class AuditArchiveWriter implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ZipOutputStream zip;
    private final ByteArrayOutputStream entryLines = new ByteArrayOutputStream();
    private final ByteArrayOutputStream checkpointLines = new ByteArrayOutputStream();
    private final Map<String, X509Certificate> certificates = new LinkedHashMap<>();
    private final List<AuditEntry> first = new ArrayList<>(1);
    private AuditEntry last;
    private long count;

    public AuditArchiveWriter(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    }

    public void entry(AuditEntry entry, byte[] content) {
        if (last != null && entry.sequence() != last.sequence() + 1) {
            throw new IllegalArgumentException("entries must be consecutive: " + entry.sequence() + " after "
                    + last.sequence());
        }
        try {
            if (content != null) {
                put("content/" + entry.sequence(), content);
            }
            entryLines.write(JSON.writeValueAsBytes(entry));
            entryLines.write('\n');
        } catch (IOException e) {
            throw failed(e);
        }
        if (first.isEmpty()) {
            first.add(entry);
        }
        last = entry;
        count++;
    }

    public void checkpoint(Checkpoint checkpoint) {
        try {
            checkpointLines.write(JSON.writeValueAsBytes(CheckpointJson.of(checkpoint)));
            checkpointLines.write('\n');
        } catch (IOException e) {
            throw failed(e);
        }
        checkpoint.chain().forEach(c -> certificates.putIfAbsent(c.getSubjectX500Principal().getName()
                + "#" + c.getSerialNumber(), c));
    }

    /** Writes the index files and the manifest; the archive is complete only after this. */
    public ArchiveManifest finish(String purpose, String nodeId, String previousHash, Instant createdAt,
                                  String createdBy) {
        AuditEntry start = first.isEmpty() ? null : first.get(0);
        ArchiveManifest manifest = new ArchiveManifest(ArchiveManifest.FORMAT, purpose, nodeId,
                start == null ? 0 : start.sequence(), last == null ? 0 : last.sequence(), count,
                start == null ? previousHash : start.previousHash(), start == null ? null : start.time(),
                last == null ? null : last.time(), createdAt, createdBy);
        try {
            put("entries.jsonl", entryLines.toByteArray());
            put("checkpoints.jsonl", checkpointLines.toByteArray());
            put("certificates.pem", pem(certificates.values()));
            put("manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.finish();
        } catch (IOException e) {
            throw failed(e);
        }
        return manifest;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private void put(String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] pem(Collection<X509Certificate> certificates) {
        return ("# The node's certificate chain, for reading. Verification trusts only the anchors given to the "
                + "verifier.\n" + PemFiles.certificatesPem(certificates)).getBytes(StandardCharsets.US_ASCII);
    }

    private static UncheckedIOException failed(IOException e) {
        return new UncheckedIOException("cannot write the audit archive: " + e.getMessage(), e);
    }
}
