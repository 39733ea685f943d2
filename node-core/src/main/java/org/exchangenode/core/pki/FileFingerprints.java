package org.exchangenode.core.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a set of small trust files (a directory and its signature, the CRLs) holds now: the SHA-256 of their names and
 * contents. A reloader compares it with the one it loaded to know whether anything changed. Contents, not sizes and
 * modification times: a signature rewritten within the same clock tick with the same length is a change too, and a
 * file system with coarse or skewed timestamps must not hide one.
 */
public final class FileFingerprints {
    private FileFingerprints() {
    }

    /** The fingerprint of {@code files}, in their order; a missing or unreadable file counts as such. */
    public static String of(List<Path> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        for (Path file : files) {
            digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            try {
                digest.update((byte) 1);
                digest.update(Files.readAllBytes(file));
            } catch (IOException e) {
                digest.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
