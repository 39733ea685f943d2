package org.exchangenode.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.NodeLauncher;

/**
 * The morning after a holiday: {@code bench.backlog} letters are submitted at 320100 while 440300 is stopped, so
 * they wait on the broker in 440300's inbox; then 440300 starts and drains them, answering each with a Receipt.
 * Both nodes run with the heap the README recommends ({@code -Xmx512m}, from {@link NodeLauncher}). Prints the
 * submission and drain rates, each node's peak heap in use and peak live data after a collection (sampled every
 * second from {@code /q/metrics}) and peak resident memory at the end, and the counts at both ends: letters DELIVERED
 * at 320100 and ContactLetters RECEIVED at 440300 must both equal the number submitted, and neither node may have hit
 * an OutOfMemoryError.
 *
 * <p>The sender's wait for a Receipt is set to 12 hours, so that the figures are the drain's alone and not those of
 * resends (with the default 5 minutes, each letter of a longer outage is sent again, and the receiver stores it once
 * and receipts it again).
 */
final class BacklogBenchmark {
    private static final Pattern HEAP_USED = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");
    private static final Pattern LIVE = Pattern.compile("jvm_gc_live_data_size_bytes\\{[^}]*} ([0-9.E+]+)");
    private static final Pattern RECEIVED = PipelineBenchmark.letters("INBOUND", "RECEIVED");
    private static final Pattern UNSENT = Pattern.compile("exn_outbox_unsent_messages\\{[^}]*} ([0-9.E+]+)");

    private BacklogBenchmark() {
    }

    static void run(Path root, Path work, String letter, int backlog, int concurrency, int consumers, String db)
            throws Exception {
        System.out.printf("Exchange Node backlog benchmark: %d letters queued while the receiver is stopped, %d "
                + "submitters, %d consumers per node, %s, %d cores%n", backlog, concurrency, consumers, db,
                Runtime.getRuntime().availableProcessors());
        try (ArtemisServer broker = new ArtemisServer(work.resolve("broker"), new NodeDeadLetterQueues());
             NodeLauncher nanjing = PipelineBenchmark.node(root, "320100", work, broker, "440300", consumers, db, true)
                     .with("node.delivery.receipt-timeout", "PT12H").with("node.delivery.max-receipt-timeout", "PT12H")
                     // the outbox gauge this benchmark waits on, read every second instead of every 15
                     .with("node.metrics.sample-interval", "PT1S")
                     .start();
             NodeLauncher shenzhen = PipelineBenchmark.node(root, "440300", work, broker, "320100", consumers, db, true)
                     .start()) {
            // one letter through the whole path first: both inboxes exist and both nodes know each other
            PipelineBenchmark.run(nanjing, letter, 1, 1);
            double deliveredBefore = PipelineBenchmark.delivered(nanjing);
            shenzhen.close();
            System.out.println("440300 stopped");

            Peaks senderPeaks = new Peaks();
            Peaks receiverPeaks = new Peaks();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                senderPeaks.sample(nanjing);
                receiverPeaks.sample(shenzhen);
            }, 0, 1, TimeUnit.SECONDS);
            try {
                Instant submitStart = Instant.now();
                Map<String, Instant> submitted = PipelineBenchmark.submitAll(nanjing, letter, backlog, concurrency);
                awaitOutboxEmpty(nanjing, backlog);
                double submitSeconds = Duration.between(submitStart, Instant.now()).toNanos() / 1e9;
                System.out.printf("queued: %d letters signed, stored and sent to the broker in %.0f s (%.0f letters/s)%n",
                        submitted.size(), submitSeconds, submitted.size() / submitSeconds);

                Instant drainStart = Instant.now();
                shenzhen.start();
                double startSeconds = Duration.between(drainStart, Instant.now()).toNanos() / 1e9;
                System.out.printf("440300 started (ready after %.1f s), draining%n", startSeconds);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600 + backlog / 5L);
                double delivered;
                while ((delivered = PipelineBenchmark.delivered(nanjing) - deliveredBefore) < backlog) {
                    if (System.nanoTime() > deadline || !alive(nanjing) || !alive(shenzhen)) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                double drainSeconds = Duration.between(drainStart, Instant.now()).toNanos() / 1e9;
                double received = metric(shenzhen, RECEIVED);
                String senderResident = peakResident(nanjing);
                String receiverResident = peakResident(shenzhen);

                System.out.println();
                System.out.printf("drain           : %8.0f letters/s   (%d letters in %.0f s from 440300's start: "
                        + "stored, receipted, Receipt stored at 320100)%n", delivered / drainSeconds, (long) delivered,
                        drainSeconds);
                System.out.printf("320100 (sender) : peak heap used %5.0f MB   peak live data after GC %5.0f MB   "
                        + "peak resident %s   OutOfMemoryError %s%n", senderPeaks.heap.get() / 1e6,
                        senderPeaks.live.get() / 1e6, senderResident, outOfMemory(nanjing) ? "YES" : "none");
                System.out.printf("440300 (receiver): peak heap used %5.0f MB   peak live data after GC %5.0f MB   "
                        + "peak resident %s   OutOfMemoryError %s%n", receiverPeaks.heap.get() / 1e6,
                        receiverPeaks.live.get() / 1e6, receiverResident, outOfMemory(shenzhen) ? "YES" : "none");
                System.out.printf("counted         : submitted %d, DELIVERED at 320100 %d, RECEIVED at 440300 %d -> %s%n",
                        submitted.size(), (long) delivered, (long) received,
                        delivered == backlog && received == backlog ? "nothing lost" : "LETTERS MISSING");
                if (delivered != backlog || received != backlog) {
                    throw new IllegalStateException("backlog not drained: see the counts above");
                }
            } finally {
                sampler.shutdownNow();
            }
        }
    }

    /** The highest heap in use and the highest live data after a collection one node reported. */
    private static final class Peaks {
        final AtomicLong heap = new AtomicLong();
        final AtomicLong live = new AtomicLong();

        void sample(NodeLauncher node) {
            try {
                String metrics = PipelineBenchmark.get(node.baseUrl() + "/q/metrics");
                heap.accumulateAndGet((long) sum(metrics, HEAP_USED), Math::max);
                live.accumulateAndGet((long) sum(metrics, LIVE), Math::max);
            } catch (Exception e) {
                // a stopped node has no metrics: nothing to sample
            }
        }
    }

    private static void awaitOutboxEmpty(NodeLauncher node, int backlog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300 + backlog / 20L);
        Thread.sleep(3000);
        while (metric(node, UNSENT) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("320100's outbox did not empty");
            }
            Thread.sleep(1000);
        }
    }

    private static double metric(NodeLauncher node, Pattern pattern) throws Exception {
        return sum(PipelineBenchmark.get(node.baseUrl() + "/q/metrics"), pattern);
    }

    private static double sum(String metrics, Pattern pattern) {
        Matcher matcher = pattern.matcher(metrics);
        double sum = 0;
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return sum;
    }

    /** The process's peak resident memory (Linux: VmHWM), or "n/a" where the system does not say. */
    private static String peakResident(NodeLauncher node) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + node.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    // kB here are KiB; MB as the heap figures print them (10^6 bytes)
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024 / 1_000_000 + " MB";
                }
            }
        } catch (Exception e) {
            // not Linux, or the process has ended
        }
        return "n/a";
    }

    private static boolean alive(NodeLauncher node) {
        try {
            PipelineBenchmark.get(node.baseUrl() + "/q/health/live");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean outOfMemory(NodeLauncher node) throws Exception {
        return Files.isRegularFile(node.log()) && Files.readString(node.log()).contains("OutOfMemoryError");
    }
}
