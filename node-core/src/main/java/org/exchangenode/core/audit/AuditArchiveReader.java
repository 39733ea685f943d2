package org.exchangenode.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads an archive written by {@link AuditArchiveWriter}. Contents are read on demand, so an archive larger than
 * memory can be verified. Any unreadable part (a cut file, a broken JSON line) is a {@link DamagedArchiveException}
 * naming the part.
 */
public final class AuditArchiveReader implements AutoCloseable {
    private static final long MAX_CONTENT_BYTES = 64L * 1024 * 1024;
    private final Path path;
    private final ZipFile zip;
    private final ArchiveManifest manifest;
    private final List<AuditEntry> entries;
    private final List<Checkpoint> checkpoints;

    /** The archive cannot be read as a whole: the file was cut, damaged, or is not an archive. */
    public static final class DamagedArchiveException extends RuntimeException {
        public DamagedArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public AuditArchiveReader(Path path) {
        this.path = path;
        try {
            this.zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DamagedArchiveException(path.getFileName() + " is not a complete archive (cut or damaged: "
                    + e.getMessage() + ")", e);
        }
        try {
            byte[] manifestBytes = read("manifest.json");
            if (manifestBytes == null) {
                throw new DamagedArchiveException(path.getFileName() + " has no manifest.json", null);
            }
            this.manifest = manifest(manifestBytes);
            if (!ArchiveManifest.FORMAT.equals(manifest.format())) {
                throw new DamagedArchiveException(path.getFileName() + " has format " + manifest.format()
                        + ", expected " + ArchiveManifest.FORMAT, null);
            }
            this.entries = lines("entries.jsonl", AuditEntry.class);
            this.checkpoints = lines("checkpoints.jsonl", CheckpointJson.class).stream()
                    .map(CheckpointJson::toCheckpoint).toList();
        } catch (RuntimeException e) {
            close();
            throw e instanceof DamagedArchiveException d ? d
                    : new DamagedArchiveException(path.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public ArchiveManifest manifest() {
        return manifest;
    }

    public List<AuditEntry> entries() {
        return entries;
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** The content of an entry, or null when the archive holds none for it. */
    public byte[] content(long sequence) {
        return read("content/" + sequence);
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // read-only: nothing to lose
        }
    }

    private byte[] read(String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return null;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(MAX_CONTENT_BYTES, Integer.MAX_VALUE - 8) + 1);
            if (bytes.length > MAX_CONTENT_BYTES) {
                throw new DamagedArchiveException(name + " in " + path.getFileName() + " exceeds "
                        + MAX_CONTENT_BYTES + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new DamagedArchiveException(name + " in " + path.getFileName() + " cannot be read (cut or damaged: "
                    + e.getMessage() + ")", e);
        }
    }

    private ArchiveManifest manifest(byte[] bytes) {
        try {
            return AuditArchiveWriter.JSON.readValue(bytes, ArchiveManifest.class);
        } catch (IOException e) {
            throw new DamagedArchiveException("manifest.json in " + path.getFileName() + " is not valid: "
                    + e.getMessage(), e);
        }
    }

    private <T> List<T> lines(String name, Class<T> type) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DamagedArchiveException(path.getFileName() + " has no " + name, null);
        }
        List<T> result = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(zip.getInputStream(entry),
                StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    result.add(AuditArchiveWriter.JSON.readValue(line, type));
                } catch (JsonProcessingException e) {
                    throw new DamagedArchiveException(name + " line " + number + " in " + path.getFileName()
                            + " is not a valid record: " + e.getOriginalMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new DamagedArchiveException(name + " in " + path.getFileName() + " cannot be read (cut or damaged: "
                    + e.getMessage() + ")", e);
        }
        return result;
    }
}
