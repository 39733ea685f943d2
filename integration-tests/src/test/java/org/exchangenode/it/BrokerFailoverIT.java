package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.it.LetterCounts.count;
import static org.exchangenode.it.LetterCounts.counts;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangenode.testsupport.process.BrokerPair;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The broker pair of config/broker (Artemis 2.44.0 replication, primary and backup as processes from the
 * distribution) under a stream of {@value #LETTERS} contact letters from 320100 to 440300, both nodes on the pair's
 * HA URL: the primary is killed (kill -9) mid-stream, the backup takes over, the primary is started again and takes
 * the work back (check-for-active-server, allow-failback), the stream goes on through it. Counted at both nodes through
 * their public API, apart from each other: nothing lost, nothing processed twice. Prints the counts and the time
 * without service around the kill and around the fail-back.
 */
class BrokerFailoverIT {
    private static final int LETTERS = 1000;
    /** Letters submitted after the fail-back has completed, so that some go through the primary again. */
    private static final int AFTER_FAILBACK = 100;
    private static final Duration PACE = Duration.ofMillis(40);
    private static final Map<String, String> USERS = Map.of("node-320100", "nanjing-it-password",
            "node-440300", "shenzhen-it-password");

    /** When the pair changed hands, as the test saw it. */
    private static final class Events {
        volatile Instant killed;
        volatile Instant backupServing;
        volatile Instant primaryRestarted;
        volatile Instant primaryServing;
        volatile Instant pairWhole;
        volatile boolean backupProcessRestarted;
    }

    @Test
    void shouldLoseNothingAndProcessNothingTwiceWhenThePrimaryIsKilledAndFailsBack() throws Exception {
        long began = System.nanoTime();
        String scenario = "failover-" + System.currentTimeMillis();
        Path work = NodeProcess.WORK.resolve(scenario);
        BrokerPair pair = null;
        NodeProcess nanjing = null;
        NodeProcess shenzhen = null;
        try {
            pair = new BrokerPair(work.resolve("pair"), USERS);
            // one after the other: on two loaded cores two nodes starting together each miss their 90 s
            nanjing = node("320100", "440300", scenario, pair.haUrl()).start();
            shenzhen = node("440300", "320100", scenario, pair.haUrl()).start();
            pair.awaitBackupPaired();
            System.out.printf("broker pair replicating and nodes ready after %d s%n", seconds(began));

            Events events = new Events();
            BrokerPair brokers = pair;
            Set<String> accepted = stream(nanjing, accepted1 -> {
                awaitAccepted(accepted1, LETTERS / 4);
                events.killed = Instant.now();
                brokers.killPrimary();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(brokers::backupActive);
                events.backupServing = Instant.now();
                awaitAccepted(accepted1, LETTERS * 45 / 100);
                events.primaryRestarted = Instant.now();
                brokers.startPrimary();
                brokers.awaitPrimaryServing();
                events.primaryServing = Instant.now();
                events.backupProcessRestarted = brokers.awaitFailback();
                events.pairWhole = Instant.now();
            });
            settleAndCount(nanjing, shenzhen, accepted, events);
        } finally {
            NodeProcess.closeAll(nanjing, shenzhen, pair);
            System.out.printf("broker fail-over scenario: %d s in all%n", seconds(began));
        }
    }

    /** The pair's configurations carry exactly the security model, limits and addresses of broker.xml. */
    @Test
    void shouldGiveThePairTheStandaloneBrokersSecurityModelAndAddresses() throws Exception {
        String standalone = shared("broker.xml");
        assertThat(standalone).contains("<security-settings>").contains("<address-settings>").contains("<addresses>");
        assertThat(shared("broker-primary.xml")).isEqualTo(standalone);
        assertThat(shared("broker-backup.xml")).isEqualTo(standalone);
    }

    /** From {@code <security-settings>} to the end of {@code <core>}: who may do what, the limits, the queues. */
    private static String shared(String file) throws Exception {
        String xml = Files.readString(NodeProcess.ROOT.resolve("config/broker").resolve(file), StandardCharsets.UTF_8);
        return xml.substring(xml.indexOf("\n    <security-settings>"), xml.indexOf("</core>"));
    }

    private static NodeProcess node(String id, String peer, String scenario, String url) throws Exception {
        return new NodeProcess(id, scenario, url, List.of(peer)).with("node.broker.user", "node-" + id)
                .with("node.broker.password", USERS.get("node-" + id));
    }

    private interface Faults {
        void run(AtomicInteger accepted) throws Exception;
    }

    /**
     * Submits the letters with four clients, one every {@link #PACE} between them, so that the stream runs through
     * the kill and the fail-back; the last {@link #AFTER_FAILBACK} wait until the pair is whole again. A refused
     * submission is counted and not retried (it never happens: intake does not need the broker).
     */
    private static Set<String> stream(NodeProcess sender, Faults faults) throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger acceptedCount = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch failedBack = new CountDownLatch(1);
        ExecutorService faultThread = Executors.newSingleThreadExecutor();
        Future<?> faultRun = faultThread.submit(() -> {
            try {
                faults.run(acceptedCount);
            } finally {
                failedBack.countDown();
            }
            return null;
        });
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            work.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < LETTERS; i = next.getAndIncrement()) {
                    if (i >= LETTERS - AFTER_FAILBACK) {
                        failedBack.await();
                    } else {
                        long wait = start + i * PACE.toNanos() - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    var response = sender.api().contentType(ContentType.JSON).body(Samples.letterJson())
                            .post("/api/v1/contact-letters");
                    if (response.statusCode() == 202) {
                        accepted.add(response.path("messageId"));
                        acceptedCount.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        faultRun.get(1, TimeUnit.MINUTES);
        faultThread.shutdown();
        assertThat(refused.get()).as("submissions refused (intake does not need the broker)").isZero();
        return accepted;
    }

    private static void awaitAccepted(AtomicInteger accepted, int atLeast) throws InterruptedException {
        while (accepted.get() < atLeast) {
            Thread.sleep(50);
        }
    }

    private static void settleAndCount(NodeProcess sender, NodeProcess receiver, Set<String> accepted, Events events) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                count(counts(sender), "OUTBOUND.DELIVERED") == accepted.size()
                        && count(counts(receiver), "INBOUND.RECEIVED") == accepted.size());
        Map<String, LetterCounts.Letter> sent = LetterCounts.letters(sender, "OUTBOUND");
        Map<String, LetterCounts.Letter> received = LetterCounts.letters(receiver, "INBOUND");
        JsonPath senderCounts = counts(sender);
        JsonPath receiverCounts = counts(receiver);
        Set<String> lost = new HashSet<>(sent.keySet());
        lost.removeAll(received.keySet());
        Set<String> unknown = new HashSet<>(received.keySet());
        unknown.removeAll(sent.keySet());
        long duplicates = receiverCounts.getLong("duplicatesSuppressed");
        Map<String, Integer> handedOver = LetterCounts.handedOver(receiver);
        long processedTwice = handedOver.values().stream().filter(times -> times > 1).count();
        List<String> cases = LetterCounts.casesOpened(receiver, "320100");

        List<Instant> stored = received.values().stream().map(LetterCounts.Letter::storedAt).filter(Objects::nonNull)
                .sorted().toList();
        List<Instant> delivered = sent.values().stream().map(LetterCounts.Letter::deliveredAt).filter(Objects::nonNull)
                .sorted().toList();
        // the backup serves from its activation until the restarted primary has copied its journal and taken over
        long servedByBackup = stored.stream().filter(t -> t.isAfter(events.backupServing)
                && t.isBefore(events.primaryServing)).count();
        long servedAfterFailback = stored.stream().filter(t -> t.isAfter(events.pairWhole)).count();
        System.out.printf("broker fail-over: submitted %d: accepted %d | sender 320100: sent %d, delivered %d | "
                        + "receiver 440300: received %d, receipted %d, duplicates suppressed %d, handed to the local "
                        + "system %d | lost %d, processed twice %d%n", LETTERS, accepted.size(), sent.size(),
                count(senderCounts, "OUTBOUND.DELIVERED"), count(receiverCounts, "INBOUND.RECEIVED"),
                receiverCounts.getLong("receiptsSent"), duplicates, handedOver.size(), lost.size(), processedTwice);
        System.out.printf("broker fail-over: backup serving %.1f s after the kill; primary serving again %.1f s after "
                        + "its restart, pair whole again after %.1f s (the backup's process started again: %s); "
                        + "letters stored while the backup served %d, after the fail-back %d%n",
                between(events.killed, events.backupServing), between(events.primaryRestarted, events.primaryServing),
                between(events.primaryRestarted, events.pairWhole), events.backupProcessRestarted ? "yes" : "no",
                servedByBackup, servedAfterFailback);
        System.out.printf("broker fail-over: time without service (longest gap between successive letters stored at "
                        + "440300 | Receipts at 320100): around the kill %.1f s | %.1f s, around the fail-back %.1f s | "
                        + "%.1f s; usual gap (median) %.3f s%n",
                longestGap(stored, events.killed, events.backupServing.plusSeconds(10)),
                longestGap(delivered, events.killed, events.backupServing.plusSeconds(10)),
                longestGap(stored, events.primaryRestarted, events.pairWhole),
                longestGap(delivered, events.primaryRestarted, events.pairWhole), medianGap(stored));

        assertThat(sent.keySet()).as("every accepted letter is held by the sender").containsAll(accepted);
        assertThat(lost).as("lost").isEmpty();
        assertThat(unknown).as("received but never sent").isEmpty();
        assertThat(count(receiverCounts, "INBOUND.RECEIVED")).as("stored once each").isEqualTo(sent.size());
        assertThat(count(senderCounts, "OUTBOUND.DELIVERED")).isEqualTo(sent.size());
        assertThat(receiverCounts.getLong("receiptsSent")).as("a Receipt per delivery").isEqualTo(sent.size() + duplicates);
        assertThat(processedTwice).as("processed twice (handed to the local system more than once)").isZero();
        assertThat(handedOver.keySet()).as("every letter handed to the local system").isEqualTo(sent.keySet());
        assertThat(cases).as("one case opened per letter").hasSize(sent.size()).doesNotHaveDuplicates();
        assertThat(servedByBackup).as("letters that went through the backup while it served").isPositive();
        assertThat(servedAfterFailback).as("letters that went through the primary after the fail-back").isPositive();
    }

    /** The longest interval between successive instants that overlaps [from, to]. */
    private static double longestGap(List<Instant> times, Instant from, Instant to) {
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            Instant a = times.get(i - 1);
            Instant b = times.get(i);
            if (b.isAfter(from) && a.isBefore(to)) {
                longest = Math.max(longest, Duration.between(a, b).toMillis());
            }
        }
        return longest / 1000.0;
    }

    private static double medianGap(List<Instant> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
        }
        return gaps.isEmpty() ? 0 : gaps.stream().sorted().toList().get(gaps.size() / 2) / 1000.0;
    }

    private static double between(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
