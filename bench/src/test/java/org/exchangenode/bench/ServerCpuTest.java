package org.exchangenode.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServerCpu} and the {@code /proc} stat fields it shares with {@link ThreadCpu}. */
class ServerCpuTest {

    @Test
    void fieldsStartAfterTheNameEvenWhenItHoldsSpacesAndParentheses() {
        String stat = "4242 (post gres) (x)) S 1 4242 4242 0 -1 4194560 10 0 0 0 17 5 3 2 20 0 1 0 99 0 0";
        String[] fields = ThreadCpu.fields(stat);
        // field 3 (state) first; fields 14-17 (utime, stime, cutime, cstime) at 11-14
        assertArrayEquals(new String[] {"S", "17", "5", "3", "2"},
                new String[] {fields[0], fields[11], fields[12], fields[13], fields[14]});
    }

    @Test
    void countsTheCpuOfProcessesByName(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc")) && Files.isExecutable(Path.of("/bin/sh")), "Linux /proc, /bin/sh");
        // a process of a name no other has: the kernel names a process after the file it was started from
        String name = "exnspin" + ProcessHandle.current().pid() % 100_000;
        Path shell = Files.createSymbolicLink(dir.resolve(name), Path.of("/bin/sh"));
        Process spinning = new ProcessBuilder(shell.toString(), "-c", "while :; do :; done").start();
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (cpuMillis(spinning) < 300 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double byJdk = cpuMillis(spinning);
            OptionalDouble byName = ServerCpu.millis(name);
            double byJdkAfter = cpuMillis(spinning);
            assertTrue(byJdk >= 300, "the process spun for 0.3 s of CPU: " + byJdk);
            assertTrue(byName.isPresent(), "found by its name");
            // read between the JDK's two readings, at /proc's resolution of a clock tick
            assertTrue(byName.getAsDouble() >= byJdk - 20 && byName.getAsDouble() <= byJdkAfter + 20,
                    byJdk + " <= " + byName + " <= " + byJdkAfter);
        } finally {
            spinning.destroyForcibly().waitFor();
        }
    }

    private static double cpuMillis(Process process) {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(0.0);
    }

    @Test
    void noProcessOfThatNameIsEmpty() {
        assertTrue(ServerCpu.millis("no-such-process-name").isEmpty());
    }
}
