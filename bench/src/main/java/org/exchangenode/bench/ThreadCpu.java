package org.exchangenode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of a process's threads, read from Linux's {@code /proc/<pid>/task}, summed by thread group: what a
 * profiler's samples leave out (the JIT compiler, the collector, native broker I/O) is counted here too.
 *
 * <p>A group is the name the kernel keeps for the thread (its first 15 bytes) with every number replaced by {@code N}:
 * {@code GC Thread#1} and {@code GC Thread#0} are one group, so are all of Camel's {@code Camel (camel-1) thread #…}
 * threads, and the C1 and C2 compilers ({@code CN CompilerThre}). A thread is known by its id and its start time, so
 * that an id the kernel gave again to a new thread is not taken for the old one. A thread that ended between two
 * snapshots loses its time since the first one: the figures are a floor for short-lived threads, exact for the pools
 * that run the whole time.
 */
final class ThreadCpu {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");
    /** Linux reports thread times in clock ticks (USER_HZ, {@code getconf CLK_TCK}; 100 per second on x86 and ARM). */
    static final double MS_PER_TICK = 1000.0 / clockTicksPerSecond();

    private final Map<String, long[]> ticksByThread;
    private final Map<String, String> groupByThread;

    private ThreadCpu(Map<String, long[]> ticksByThread, Map<String, String> groupByThread) {
        this.ticksByThread = ticksByThread;
        this.groupByThread = groupByThread;
    }

    /** A group's CPU in milliseconds: in the JVM's own code and in the kernel on its behalf (I/O, waking threads). */
    record Use(String group, double user, double system) {
        double total() {
            return user + system;
        }
    }

    /**
     * The threads of {@code pid} now; empty where {@code /proc} is not there (not Linux). A thread that ends while it
     * is read is left out.
     */
    static ThreadCpu of(long pid) throws IOException {
        Map<String, long[]> ticks = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return new ThreadCpu(ticks, groups);
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String stat;
                String name;
                try {
                    // bytes, decoded leniently: a name cut at 15 bytes may end in half a character
                    stat = new String(Files.readAllBytes(thread.resolve("stat")), StandardCharsets.ISO_8859_1);
                    name = new String(Files.readAllBytes(thread.resolve("comm")), StandardCharsets.UTF_8).strip();
                } catch (IOException ended) {
                    // the thread ended while it was read (no such file, or "No such process" from an open file)
                    continue;
                }
                String[] fields = fields(stat);
                // fields 14 and 15 (utime, stime) and 22 (start time) of stat
                String id = thread.getFileName() + "@" + fields[19];
                ticks.put(id, new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])});
                groups.put(id, NUMBERS.matcher(name).replaceAll("N"));
            }
        }
        return new ThreadCpu(ticks, groups);
    }

    /**
     * The fields of a {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat} line after the name, which is in
     * parentheses and may hold spaces and parentheses itself: index 0 is field 3 of proc(5), so field n is at n - 3.
     */
    static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** CPU per group since {@code before}, largest first. */
    List<Use> since(ThreadCpu before) {
        Map<String, long[]> byGroup = new HashMap<>();
        ticksByThread.forEach((thread, ticks) -> {
            long[] earlier = before.ticksByThread.getOrDefault(thread, new long[2]);
            long[] group = byGroup.computeIfAbsent(groupByThread.get(thread), name -> new long[2]);
            group[0] += ticks[0] - earlier[0];
            group[1] += ticks[1] - earlier[1];
        });
        List<Use> groups = new ArrayList<>();
        byGroup.forEach((name, ticks) -> {
            if (ticks[0] + ticks[1] > 0) {
                groups.add(new Use(name, ticks[0] * MS_PER_TICK, ticks[1] * MS_PER_TICK));
            }
        });
        groups.sort(Comparator.comparingDouble(Use::total).reversed());
        return groups;
    }

    /** CPU per group since the process started, largest first; threads that have ended are not counted (a floor). */
    List<Use> sinceStart() {
        return since(new ThreadCpu(Map.of(), Map.of()));
    }

    /** The milliseconds of the JIT compilers' threads (C1's and C2's: {@code CN CompilerThre}) among {@code groups}. */
    static double compilers(List<Use> groups) {
        return groups.stream().filter(group -> group.group().contains("CompilerThre")).mapToDouble(Use::total).sum();
    }

    /** Prints each group's CPU per letter (user and kernel), the largest {@code limit} groups and the rest as one line. */
    static void print(String node, List<Use> groups, int letters, int limit) {
        double total = groups.stream().mapToDouble(Use::total).sum();
        double system = groups.stream().mapToDouble(Use::system).sum();
        System.out.printf("  %s: %.2f ms per letter (%.2f of it in the kernel) in %d thread groups%n", node,
                total / letters, system / letters, groups.size());
        Use rest = new Use("", 0, 0);
        for (int i = 0; i < groups.size(); i++) {
            Use group = groups.get(i);
            if (i < limit) {
                System.out.printf("    %6.2f ms  %4.1f %%  (kernel %5.2f)  %s%n", group.total() / letters,
                        100 * group.total() / total, group.system() / letters, group.group());
            } else {
                rest = new Use("", rest.user() + group.user(), rest.system() + group.system());
            }
        }
        if (rest.total() > 0) {
            System.out.printf("    %6.2f ms  %4.1f %%  (kernel %5.2f)  (%d other groups)%n", rest.total() / letters,
                    100 * rest.total() / total, rest.system() / letters, groups.size() - limit);
        }
    }
}
