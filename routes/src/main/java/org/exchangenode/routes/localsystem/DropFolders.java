package org.exchangenode.routes.localsystem;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * The folders of the file drop and the moves between them, none of which ever follows a link: {@code inbox/},
 * {@code archive/<day>/} and {@code error/} must be directories, a report is written into a file made for it, a
 * file (or link) is moved itself, under its name with control and format characters replaced.
 */
final class DropFolders {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private DropFolders() {
    }

    /**
     * Writes the report next to where the file goes, then moves the file (a link: the link itself); a name already
     * there gets a suffix. The report is written into a file created for it (never through a link or a file someone
     * placed under the temporary name), then renamed.
     */
    static Optional<Path> move(Path file, Path dir, List<String> under, String report, String reportSuffix) {
        Path targetDir = dir;
        try {
            targetDir = directory(dir, under.toArray(String[]::new));
            String name = safe(file.getFileName().toString());
            Path target = targetDir.resolve(name);
            for (int n = 1; Files.exists(target, NOFOLLOW); n++) {
                target = targetDir.resolve(name + "." + n);
            }
            Path reportFile = targetDir.resolve(target.getFileName() + reportSuffix);
            Path temporary = targetDir.resolve("." + reportFile.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(report.getBytes(StandardCharsets.UTF_8));
            }
            moveAtomically(temporary, reportFile);
            moveAtomically(file, target);
            return Optional.of(target);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "file drop: cannot move "
                    + safe(file.getFileName().toString()) + " to " + targetDir + ": " + (e instanceof FileSystemException f
                    && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()), e);
        }
    }

    /**
     * {@code dir/names[0]/names[1]…}, each made if missing: a directory under the drop that is a link (to the node's
     * key directory, say) is refused, never written into or read from.
     */
    static Path directory(Path dir, String... names) throws IOException {
        Path current = Files.createDirectories(dir);   // the configured drop directory itself may be a link
        for (String name : names) {
            current = current.resolve(name);
            if (!Files.exists(current, NOFOLLOW)) {
                try {
                    Files.createDirectory(current);
                } catch (FileAlreadyExistsException e) {
                    // made by another instance meanwhile
                }
            }
            if (!Files.isDirectory(current, NOFOLLOW)) {
                throw new FileSystemException(current.toString(), null, current + " is not a directory (a link is "
                        + "never followed)");
            }
        }
        return current;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** The name with every control or format character (newline, escape, bidi override…) replaced by {@code _}. */
    static String safe(String name) {
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029 ? '_' : c));
        return safe.toString();
    }

    /** What identifies a dropped file: SHA-256 of its name and its bytes (a file seen again is not sent again). */
    static String digest(String name, byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(bytes);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "this Java has no SHA-256", e);
        }
    }
}
