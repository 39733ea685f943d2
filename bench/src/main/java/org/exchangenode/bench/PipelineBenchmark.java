package org.exchangenode.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.form.SamplePersons;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.process.NodeLauncher;
import org.exchangenode.testsupport.samples.Samples;

/**
 * N contact letters from node 320100 to node 440300 through the whole pipeline (validate, sign, store, broker,
 * verify, store, signed Receipt back, verify, DELIVERED), two node processes sharing one Artemis server; then, in the
 * same run and on the same broker, a raw persistent JMS baseline with the same payload size and the same number of
 * producers and consumers. Prints throughput and submit-to-Receipt latency, and the ratio.
 *
 * <p>Run: see the README ("Benchmark"). Options (system properties): bench.messages (default 2000),
 * bench.warmup (letters sent first and not measured, default half of bench.messages, at least 500),
 * bench.concurrency (HTTP submitters and baseline producers, default 4), bench.consumers (inbox consumers per node
 * and baseline consumers, default 2), bench.db (h2 or postgresql), bench.threads (true: also each node's CPU per
 * letter by thread group, from Linux's /proc; the JIT compilers' share is printed in any case); bench.mode=backlog
 * runs {@link BacklogBenchmark} instead (bench.backlog letters, default 200,000).
 */
public final class PipelineBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("bench.messages", 2000);
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        int consumers = Integer.getInteger("bench.consumers", 2);
        String db = System.getProperty("bench.db", "h2");
        boolean audit = Boolean.parseBoolean(System.getProperty("bench.audit", "true"));
        Path root = Path.of(System.getProperty("exn.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("bench/target/run-" + System.currentTimeMillis());
        String letter = Samples.sampleLetterJson();
        if ("backlog".equals(System.getProperty("bench.mode", "pipeline"))) {
            BacklogBenchmark.run(root, work, letter, Integer.getInteger("bench.backlog", 200_000), concurrency,
                    consumers, db);
            return;
        }

        System.out.printf("Exchange Node pipeline benchmark: %d messages, %d submitters, %d consumers per node, %s, "
                + "audit log %s, %d cores%n", messages, concurrency, consumers, db, audit ? "on" : "off",
                Runtime.getRuntime().availableProcessors());
        try (ArtemisServer broker = new ArtemisServer(work.resolve("broker"), new NodeDeadLetterQueues());
             NodeLauncher nanjing = node(root, "320100", work, broker, "440300", consumers, db, audit).start();
             NodeLauncher shenzhen = node(root, "440300", work, broker, "320100", consumers, db, audit).start()) {
            // fresh JVMs spend tens of CPU seconds in the JIT compiler first: keep that out of the figures
            int warmup = Integer.getInteger("bench.warmup", Math.max(500, messages / 2));
            System.out.printf("warm-up: %d letters (not measured)%n", warmup);
            run(nanjing, letter, warmup, concurrency);

            double[] senderCommitsBefore = inboxCommits(nanjing);
            double[] receiverCommitsBefore = inboxCommits(shenzhen);
            Duration cpuBefore = nanjing.cpuTime().plus(shenzhen.cpuTime());
            boolean threads = Boolean.getBoolean("bench.threads");
            ThreadCpu senderBefore = ThreadCpu.of(nanjing.pid());
            ThreadCpu receiverBefore = ThreadCpu.of(shenzhen.pid());
            // the PostgreSQL server's own CPU, when it runs on this machine (the default address)
            boolean localServer = "postgresql".equals(db) && !System.getProperties().containsKey("bench.pg.url");
            OptionalDouble serverBefore = localServer ? ServerCpu.millis("postgres") : OptionalDouble.empty();
            Map<String, Instant> submitted = deliver(nanjing, letter, messages, concurrency);
            // the letters' work ends here: reading each letter's times back below is the benchmark's, not theirs
            Duration cpuDelivered = nanjing.cpuTime().plus(shenzhen.cpuTime());
            double cpuPerLetter = cpuDelivered.minus(cpuBefore).toNanos() / 1e6 / messages;
            OptionalDouble serverAfter = serverBefore.isPresent() ? ServerCpu.millis("postgres") : OptionalDouble.empty();
            ThreadCpu senderAfter = ThreadCpu.of(nanjing.pid());
            ThreadCpu receiverAfter = ThreadCpu.of(shenzhen.pid());
            List<ThreadCpu.Use> senderThreads = senderAfter.since(senderBefore);
            List<ThreadCpu.Use> receiverThreads = receiverAfter.since(receiverBefore);
            double compilerPerLetter = (ThreadCpu.compilers(senderThreads) + ThreadCpu.compilers(receiverThreads))
                    / messages;
            double[] senderCommits = inboxCommits(nanjing);
            double[] receiverCommits = inboxCommits(shenzhen);
            Result node = latencies(nanjing, submitted);
            double readsPerLetter = nanjing.cpuTime().plus(shenzhen.cpuTime()).minus(cpuDelivered).toNanos() / 1e6
                    / messages;
            double rate = Double.parseDouble(System.getProperty("bench.rate",
                    String.valueOf(Math.max(5, Math.floor(node.perSecond / 2)))));
            // 60 s: the first 30 s are the nodes settling after the saturated run (see SETTLE_S)
            int pacedCount = (int) (rate * Integer.getInteger("bench.paced-seconds", 60));
            Map<String, Instant> pacedLetters = paced(nanjing, letter, pacedCount, rate);
            Result paced = latencies(nanjing, pacedLetters);
            String pacedStages = Stages.of(nanjing, shenzhen, pacedLetters).text();
            double[] senderCommitsPaced = inboxCommits(nanjing);
            double[] receiverCommitsPaced = inboxCommits(shenzhen);
            int payload = payloadSize(nanjing, node.anyId);
            Result baseline = baseline(broker.url(), payload, messages, concurrency, consumers);

            System.out.println();
            System.out.printf("node pipeline   : %8.0f msgs/s   submit->Receipt p50 %7.1f ms   p99 %7.1f ms   (saturated: %d letters as fast as accepted, %d-byte signed messages)%n",
                    node.perSecond, node.p50, node.p99, messages, payload);
            System.out.printf("node at %.0f/s   : %8.0f msgs/s   submit->Receipt p50 %7.1f ms   p99 %7.1f ms   (paced below capacity: latency without queueing)%n",
                    rate, paced.perSecond, paced.p50, paced.p99);
            System.out.printf("  settled (the letters submitted after the first %d s): p50 %7.1f ms   p99 %7.1f ms;"
                    + " by %d s window of submission:%n%s", SETTLE_S, paced.settledP50(), paced.settledP99(), WINDOW_S,
                    paced.windows());
            System.out.printf("artemis baseline: %8.0f msgs/s   send->receive   p50 %7.1f ms   p99 %7.1f ms   (persistent, %d producers, %d consumers, same broker)%n",
                    baseline.perSecond, baseline.p50, baseline.p99, concurrency, consumers);
            System.out.printf("ratio node/baseline: %.3f  (each letter is 2 broker messages, 2 signatures, 2 verifications, some 4 database transactions)%n",
                    node.perSecond / baseline.perSecond);
            System.out.printf("node CPU per letter, both nodes together: %.1f ms  (from the first submission to the last letter DELIVERED;"
                    + " the benchmark's reads of each letter's times afterwards took %.1f ms per letter more, not counted)%n",
                    cpuPerLetter, readsPerLetter);
            System.out.printf("  of it the JIT compilers: %.1f ms per letter; without them %.1f ms  (compiling is paid once after each"
                    + " start: %.0f s and %.0f s of CPU so far at 320100 and 440300; a longer -Dbench.warmup leaves less of it in the figure)%n",
                    compilerPerLetter, cpuPerLetter - compilerPerLetter,
                    ThreadCpu.compilers(senderAfter.sinceStart()) / 1000, ThreadCpu.compilers(receiverAfter.sinceStart()) / 1000);
            System.out.printf("inbox messages per broker commit (saturated run): %s at 320100 (Receipts), %s at 440300"
                    + " (letters)  (more than 1: the consumer stored several in one database transaction)%n",
                    perCommit(senderCommits[0] - senderCommitsBefore[0], senderCommits[1] - senderCommitsBefore[1]),
                    perCommit(receiverCommits[0] - receiverCommitsBefore[0],
                            receiverCommits[1] - receiverCommitsBefore[1]));
            // the paced run is meant to be below capacity: groups there (more than 1) mean its letters queued, and the
            // first of a group waits for the whole group's commit
            System.out.printf("inbox messages per broker commit (paced run): %s at 320100, %s at 440300%n",
                    perCommit(senderCommitsPaced[0] - senderCommits[0], senderCommitsPaced[1] - senderCommits[1]),
                    perCommit(receiverCommitsPaced[0] - receiverCommits[0],
                            receiverCommitsPaced[1] - receiverCommits[1]));
            System.out.println("where the paced run's letters spent their time, mean ms per stage (the slowest 1 % by"
                    + " submit->Receipt, and all):");
            System.out.print(pacedStages);
            if (serverAfter.isPresent()) {
                System.out.printf("PostgreSQL server CPU per letter: %.1f ms  (its processes on this machine, from /proc, over the"
                        + " same span; not in the nodes' figure)%n",
                        (serverAfter.getAsDouble() - serverBefore.getAsDouble()) / messages);
            }
            if (threads) {
                System.out.println("node CPU per letter by thread group (saturated run, from /proc):");
                ThreadCpu.print("320100 (sender)", senderThreads, messages, 12);
                ThreadCpu.print("440300 (receiver)", receiverThreads, messages, 12);
            }
        }
    }

    static NodeLauncher node(Path root, String id, Path work, ArtemisServer broker, String peer, int consumers,
                                     String db, boolean audit) throws IOException {
        NodeLauncher node = new NodeLauncher(root, id, work, broker.url(), List.of(peer))
                .with("node.broker.consumers", String.valueOf(consumers))
                .with("quarkus.log.category.\"org.exchangenode\".level", "WARN")
                .with("node.audit.enabled", String.valueOf(audit))
                .asInstalled();
        if ("postgresql".equals(db)) {
            node.onPostgres(System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                    System.getProperty("bench.pg.user", "postgres"), "bench_" + id + "_" + System.currentTimeMillis() % 100000);
        }
        return node;
    }

    /**
     * {@code windows}: p50 / p99 of the letters submitted in each {@value #WINDOW_S} s window, in order ("" if none);
     * {@code settledP50}, {@code settledP99}: of the letters submitted after the first {@value #SETTLE_S} s (NaN if
     * none).
     */
    record Result(double perSecond, double p50, double p99, String anyId, String windows, double settledP50,
                  double settledP99) {
    }

    /** The width of the windows a run's latencies are also given in: a node slow after a burst shows in the first. */
    private static final int WINDOW_S = 10;
    /**
     * How long nodes take to settle after the saturated run, measured 2026-12-06: paced p50 two to four times the
     * settled one in the first 20–30 s (more after a run of grouped inbox commits), with the JIT compilers busy again.
     */
    private static final int SETTLE_S = 30;

    /** Submits {@code count} letters with {@code concurrency} HTTP clients and waits until all are DELIVERED. */
    static Result run(NodeLauncher node, String letter, int count, int concurrency) throws Exception {
        return latencies(node, deliver(node, letter, count, concurrency));
    }

    /**
     * Submits {@code count} letters with {@code concurrency} HTTP clients and returns, with the time each was
     * submitted, once all are DELIVERED: before the benchmark reads anything back about them.
     */
    static Map<String, Instant> deliver(NodeLauncher node, String letter, int count, int concurrency)
            throws Exception {
        double deliveredBefore = delivered(node);
        Map<String, Instant> submitted = submitAll(node, letter, count, concurrency);
        awaitDelivered(node, submitted.size(), deliveredBefore);
        return submitted;
    }

    /**
     * Submits {@code count} letters with {@code concurrency} HTTP clients, as fast as they are accepted; returns when
     * all are accepted, with the time each was submitted. Prints a line every 10,000.
     */
    static Map<String, Instant> submitAll(NodeLauncher node, String letter, int count, int concurrency)
            throws Exception {
        Map<String, Instant> submitted = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    submit(node, letter, submitted);
                    if ((i + 1) % 10_000 == 0) {
                        System.out.printf("  %d submitted%n", i + 1);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return submitted;
    }

    /**
     * Submits {@code count} letters at a fixed rate (open loop) and waits until all are DELIVERED; returns the time
     * each was submitted.
     */
    private static Map<String, Instant> paced(NodeLauncher node, String letter, int count, double perSecond)
            throws Exception {
        double deliveredBefore = delivered(node);
        Map<String, Instant> submitted = new ConcurrentHashMap<>();
        var scheduler = Executors.newScheduledThreadPool(4);
        List<java.util.concurrent.ScheduledFuture<?>> sends = new ArrayList<>();
        long intervalNanos = (long) (1e9 / perSecond);
        for (int i = 0; i < count; i++) {
            sends.add(scheduler.schedule(() -> {
                submit(node, letter, submitted);
                return null;
            }, i * intervalNanos, TimeUnit.NANOSECONDS));
        }
        for (var send : sends) {
            send.get();
        }
        scheduler.shutdown();
        awaitDelivered(node, submitted.size(), deliveredBefore);
        return submitted;
    }

    static void submit(NodeLauncher node, String letter, Map<String, Instant> submitted) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/contact-letters"))
                .header("Content-Type", "application/json")
                .header("Authorization", NodeLauncher.submitterAuthorization())
                .POST(HttpRequest.BodyPublishers.ofString(SamplePersons.withNextPerson(letter))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("submission refused: " + response.statusCode() + " " + response.body());
        }
        submitted.put(JSON.readTree(response.body()).get("messageId").asText(), start);
    }

    /** Waits until the node counts {@code count} more letters DELIVERED than {@code deliveredBefore}. */
    private static void awaitDelivered(NodeLauncher node, int count, double deliveredBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (delivered(node) < deliveredBefore + count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not all letters were delivered within 10 minutes");
            }
            Thread.sleep(100);
        }
    }

    /** Each delivered letter's submit-to-Receipt time, read from the node, and the rate from first to last. */
    private static Result latencies(NodeLauncher node, Map<String, Instant> submitted) throws Exception {
        int count = submitted.size();
        long[] latencies = new long[count];
        Instant[] at = new Instant[count];
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        int i = 0;
        for (Map.Entry<String, Instant> entry : submitted.entrySet()) {
            JsonNode message = message(node, entry.getKey());
            Instant delivered = Instant.parse(message.get("deliveredAt").asText());
            at[i] = entry.getValue();
            latencies[i++] = Duration.between(entry.getValue(), delivered).toNanos();
            first = entry.getValue().isBefore(first) ? entry.getValue() : first;
            last = delivered.isAfter(last) ? delivered : last;
        }
        double seconds = Duration.between(first, last).toNanos() / 1e9;
        Result all = result(count / seconds, latencies, submitted.keySet().iterator().next());
        List<Long> settled = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            if (Duration.between(first, at[j]).toSeconds() >= SETTLE_S) {
                settled.add(latencies[j]);
            }
        }
        Result after = settled.isEmpty() ? null
                : result(0, settled.stream().mapToLong(Long::longValue).toArray(), "");
        return new Result(all.perSecond(), all.p50(), all.p99(), all.anyId(), windows(at, latencies, first),
                after == null ? Double.NaN : after.p50(), after == null ? Double.NaN : after.p99());
    }

    /** p50 / p99 in ms of the letters submitted in each window after {@code first}: letter i submitted at at[i]. */
    private static String windows(Instant[] at, long[] latencies, Instant first) {
        TreeMap<Long, List<Long>> byWindow = new TreeMap<>();
        for (int i = 0; i < at.length; i++) {
            byWindow.computeIfAbsent(Duration.between(first, at[i]).toSeconds() / WINDOW_S, w -> new ArrayList<>())
                    .add(latencies[i]);
        }
        // a letter or two the scheduler sent a moment after the last full window are counted in it
        Map.Entry<Long, List<Long>> last = byWindow.lastEntry();
        if (byWindow.size() > 1 && last.getValue().size() * 10 < byWindow.firstEntry().getValue().size()) {
            byWindow.remove(last.getKey());
            byWindow.lastEntry().getValue().addAll(last.getValue());
        }
        StringBuilder text = new StringBuilder();
        byWindow.forEach((window, nanos) -> {
            Result r = result(0, nanos.stream().mapToLong(Long::longValue).toArray(), "");
            text.append(String.format("  %3d-%3d s: %4d letters, p50 %6.1f ms, p99 %6.1f ms%n", window * WINDOW_S,
                    (window + 1) * WINDOW_S, nanos.size(), r.p50(), r.p99()));
        });
        return text.toString();
    }

    private static Result baseline(String url, int payload, int count, int producers, int consumers) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        String queueName = "bench.baseline." + System.currentTimeMillis();
        long[] latencies = new long[count];
        AtomicInteger received = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        byte[] body = new byte[payload];
        Arrays.fill(body, (byte) 'x');
        List<Connection> connections = new ArrayList<>();
        try {
            for (int c = 0; c < consumers; c++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createConsumer(session.createQueue(queueName)).setMessageListener(message -> {
                    try {
                        int index = received.getAndIncrement();
                        if (index < count) {
                            latencies[index] = System.nanoTime() - message.getLongProperty("sentNanos");
                        }
                    } catch (JMSException e) {
                        throw new IllegalStateException(e);
                    }
                    done.countDown();
                });
                connection.start();
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Connection connection = factory.createConnection();
                connections.add(connection);
                workers.add(pool.submit(() -> {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    Queue queue = session.createQueue(queueName);
                    MessageProducer producer = session.createProducer(queue);
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    while (next.getAndIncrement() < count) {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        message.setLongProperty("sentNanos", System.nanoTime());
                        producer.send(message);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            pool.shutdown();
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("baseline: only " + received.get() + " of " + count + " received");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return result(count / seconds, latencies, null);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }

    private static Result result(double perSecond, long[] nanos, String anyId) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Result(perSecond, sorted[(int) (sorted.length * 0.50)] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6, anyId, "",
                Double.NaN, Double.NaN);
    }

    private static int payloadSize(NodeLauncher node, String id) throws Exception {
        return get(node.baseUrl() + "/api/v1/messages/" + id + "/content").getBytes(StandardCharsets.UTF_8).length;
    }

    private static final Pattern DELIVERED = letters("OUTBOUND", "DELIVERED");

    /** The node's count of contact letters of one direction and status on /q/metrics (group 1). */
    static Pattern letters(String direction, String status) {
        return Pattern.compile("exn_messages_total\\{direction=\"" + direction + "\",(?:node=\"[0-9]+\",)?status=\""
                + status + "\",type=\"ContactLetter\"} ([0-9.E+]+)");
    }

    private static final Pattern COMMITS = Pattern.compile("(?m)^exn_inbound_commit_messages_count\\{[^}]*} ([0-9.E+]+)");
    private static final Pattern COMMITTED = Pattern.compile("(?m)^exn_inbound_commit_messages_sum\\{[^}]*} ([0-9.E+]+)");

    /** The node's inbox commits and the messages they acknowledged, from /q/metrics (zeros before a build had them). */
    static double[] inboxCommits(NodeLauncher node) throws Exception {
        String metrics = get(node.baseUrl() + "/q/metrics");
        Matcher commits = COMMITS.matcher(metrics);
        Matcher committed = COMMITTED.matcher(metrics);
        return new double[] {commits.find() ? Double.parseDouble(commits.group(1)) : 0,
                committed.find() ? Double.parseDouble(committed.group(1)) : 0};
    }

    private static String perCommit(double commits, double messages) {
        return commits > 0 ? String.format("%.2f", messages / commits) : "n/a";
    }

    static double delivered(NodeLauncher node) throws Exception {
        Matcher matcher = DELIVERED.matcher(get(node.baseUrl() + "/q/metrics"));
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** The node's API view of one stored message. */
    static JsonNode message(NodeLauncher node, String messageId) throws Exception {
        return JSON.readTree(get(node.baseUrl() + "/api/v1/messages/" + messageId));
    }

    static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", NodeLauncher.submitterAuthorization()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + response.statusCode());
        }
        return response.body();
    }
}
