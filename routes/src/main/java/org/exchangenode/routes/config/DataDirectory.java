package org.exchangenode.routes.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.jboss.logging.Logger;

/**
 * The node's data directory ({@code node.data-dir}) and the directories under it hold the H2 database and the
 * broker journal: every form, every person's data. Java cannot set a umask, so the files H2 and Artemis create are
 * as open as the process's umask makes them; the directories are therefore created owner-only (rwx------), which
 * makes whatever is inside unreachable to other users. A directory found more open (made by an older version, or by
 * hand) is closed at start with a WARN naming it; files found in it are made owner-only (rw-------) too.
 */
public final class DataDirectory {
    private static final Logger LOG = Logger.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /**
     * Makes {@code dataDir} and {@code dataDir/<sub>} exist, owner-only, and the regular files directly in the
     * latter owner-only; returns the latter.
     */
    public static Path secure(Path dataDir, String sub) {
        Path dir = dataDir.toAbsolutePath();
        owned(dir);
        Path inner = owned(dir.resolve(sub));
        restrictFiles(inner);
        return inner;
    }

    /** Makes the regular files directly in {@code dir} owner-only (files the database created after start). */
    public static void restrictFiles(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).forEach(f -> restrict(f, FILE));
        } catch (IOException e) {
            throw unusable(dir, e);
        }
    }

    private static Path owned(Path dir) {
        try {
            if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createDirectories(dir);
            }
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
                restrict(dir, DIRECTORY);
            }
            return dir;
        } catch (IOException e) {
            throw unusable(dir, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) {
        try {
            Set<PosixFilePermission> found = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (!found.equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
                LOG.warnf("%s was %s, readable beyond the node's user: made %s", path,
                        PosixFilePermissions.toString(found), PosixFilePermissions.toString(wanted));
            }
        } catch (IOException e) {
            throw unusable(path, e);
        }
    }

    private static ExchangeException unusable(Path path, IOException e) {
        return new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.data-dir: cannot make " + path
                + " owner-only: " + e.getClass().getSimpleName(), e);
    }
}
