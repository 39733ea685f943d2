package org.exchangenode.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ThreadCpu}'s figures for the JIT compilers, which the benchmark prints apart from the letters' work. */
class ThreadCpuTest {

    @Test
    void compilersAreTheCompilerThreadGroupsOnly() {
        List<ThreadCpu.Use> groups = List.of(new ThreadCpu.Use("Camel (camel-N)", 100, 5),
                new ThreadCpu.Use("CN CompilerThre", 10, 2), new ThreadCpu.Use("GC Thread#N", 3, 0),
                new ThreadCpu.Use("executor-thread", 40, 1));
        assertEquals(12, ThreadCpu.compilers(groups), 1e-9);
        assertEquals(0, ThreadCpu.compilers(List.of(new ThreadCpu.Use("vert.x-eventloo", 7, 1))), 1e-9);
    }

    @Test
    void sinceStartCountsThisJvmsCompilersAndNoMoreThanTheWholeProcess() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        long pid = ProcessHandle.current().pid();
        double processBefore = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
        List<ThreadCpu.Use> groups = ThreadCpu.of(pid).sinceStart();
        double processAfter = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
        double threads = groups.stream().mapToDouble(ThreadCpu.Use::total).sum();
        // a JVM that has loaded and run JUnit has compiled methods, with at least one clock tick of CPU
        assertTrue(ThreadCpu.compilers(groups) >= ThreadCpu.MS_PER_TICK, "compilers: " + groups);
        assertTrue(ThreadCpu.compilers(groups) < threads, "the compilers are a part: " + groups);
        // threads that ended are not in /proc any more: the groups' sum is at most the process's CPU, a tick apart
        assertTrue(threads <= processAfter + 2 * ThreadCpu.MS_PER_TICK, threads + " <= " + processAfter);
        assertTrue(threads >= processBefore / 4, "most of the process's CPU is in its live threads: " + threads
                + " of " + processBefore);
    }
}
