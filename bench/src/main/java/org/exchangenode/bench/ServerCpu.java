package org.exchangenode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * CPU time of a database server running on this machine, read from Linux's {@code /proc}: every process named
 * {@code postgres} (the postmaster, its backends and background writers) with the time each has waited for of its
 * exited children (the postmaster's cumulative child times, where a backend's time goes when its connection closes).
 * The nodes' figure leaves this out; on one machine the server's work competes for the same cores.
 *
 * <p>A backend that exits between two readings counts with its whole lifetime, one that starts counts from zero: the
 * difference of two readings is close for a run whose connections stay open (the nodes keep theirs in a pool).
 */
final class ServerCpu {
    private ServerCpu() {
    }

    /** The processes named {@code name}, their CPU in milliseconds; empty without {@code /proc} or such processes. */
    static OptionalDouble millis(String name) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return OptionalDouble.empty();
        }
        long ticks = 0;
        boolean found = false;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc,
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path process : processes) {
                String stat;
                try {
                    if (!name.equals(Files.readString(process.resolve("comm"), StandardCharsets.ISO_8859_1).strip())) {
                        continue;
                    }
                    stat = Files.readString(process.resolve("stat"), StandardCharsets.ISO_8859_1);
                } catch (IOException ended) {
                    // the process ended while it was read
                    continue;
                }
                // fields 14-17 of stat: utime, stime, cutime, cstime
                String[] fields = ThreadCpu.fields(stat);
                for (int i = 11; i <= 14; i++) {
                    ticks += Long.parseLong(fields[i]);
                }
                found = true;
            }
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
        return found ? OptionalDouble.of(ticks * ThreadCpu.MS_PER_TICK) : OptionalDouble.empty();
    }
}
