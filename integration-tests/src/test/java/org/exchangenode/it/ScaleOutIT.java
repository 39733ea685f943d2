package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Several instances of one node (issue 13): two processes of 320100 share one PostgreSQL schema, two of 440300
 * another, and each pair consumes its node's inbox on one broker as competing consumers. 1,000 contact letters stream
 * into 320100's two instances (a local system spreading its load); in the middle one instance of each node is killed
 * with kill -9 (not started again: the survivors take over what it held once its claims expire). Then the
 * working-day calendar of this year is added to 320100's calendar directory, so that its sweep dates every open
 * step (a one-day limit) and finds it DUE_SOON: a Reminder goes to 440300 for each case, sent by whichever instance
 * holds the sweep's lease.
 *
 * <p>Counted apart at both ends: letters accepted by 320100 (202 answers) and held in its database; delivered (its
 * letters with a Receipt); received at 440300 (distinct ids in its database); the POSTs of 440300's local-system
 * notifications to a stub HTTP server (each message id once); Reminders per case at 440300 (once each); and both
 * audit chains verify offline. Without the claims, both instances of a pair send and notify the same rows.
 */
class ScaleOutIT {
    private static final int LETTERS = Integer.getInteger("exn.scaleout.letters", 1000);
    private static final Duration DRAIN = Duration.ofMinutes(4);
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String NANJING_SCHEMA = "scaleout_320100_" + RUN;
    private static final String SHENZHEN_SCHEMA = "scaleout_440300_" + RUN;
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    /** The local system of 440300 as a stub: counts the notification POSTs per message id and answers 200. */
    private static final class LocalSystemStub implements AutoCloseable {
        final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
        final AtomicInteger total = new AtomicInteger();
        final HttpServer server;

        LocalSystemStub() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.createContext("/notify", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    body.readAllBytes();
                }
                String id = exchange.getRequestHeaders().getFirst("X-Exchange-Node-Message-Id");
                if (id != null) {
                    posts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                }
                total.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The two pairs of instances on one broker, each pair in its own schema, and the stub. */
    private static final class Network implements AutoCloseable {
        final Path work = NodeProcess.WORK.resolve("scaleout-" + RUN);
        final Path calendar = work.resolve("calendar-320100");
        final ArtemisServer broker;
        final LocalSystemStub localSystem;
        final List<NodeProcess> nanjing = new CopyOnWriteArrayList<>();
        final List<NodeProcess> shenzhen = new CopyOnWriteArrayList<>();

        Network() throws Exception {
            Files.createDirectories(calendar);   // empty: no due dates until the year's file is added
            broker = new ArtemisServer(work.resolve("broker"), new NodeDeadLetterQueues());
            localSystem = new LocalSystemStub();
            nanjing.add(nanjing("a"));
            nanjing.add(nanjing("b"));
            shenzhen.add(shenzhen("a"));
            shenzhen.add(shenzhen("b"));
            // the first of each pair migrates its schema; the second then starts beside it
            startAll(List.of(nanjing.get(0), shenzhen.get(0)));
            startAll(List.of(nanjing.get(1), shenzhen.get(1)));
        }

        private NodeProcess instance(String nodeId, String peer, String schema, String name) throws IOException {
            // each instance its own data directory and HTTP port, its own instance id; the schema and inbox shared
            return new NodeProcess(nodeId, "scaleout-" + RUN + "/" + name, broker.url(), List.of(peer))
                    .onPostgres(PostgresExchangeIT.URL, PostgresExchangeIT.USER, schema)
                    .with("node.instance-id", nodeId + "-" + name)
                    .with("node.claim-lease", "PT10S")
                    .with("node.local-system.webhook.timeout", "PT2S");
        }

        private NodeProcess nanjing(String name) throws IOException {
            return instance("320100", "440300", NANJING_SCHEMA, name)
                    .with("node.calendar.dir", calendar.toString())
                    .with("node.deadlines.step3-days", "1")
                    .with("node.deadlines.due-soon-days", "3")
                    .with("node.deadlines.reminders", "true")
                    .with("node.deadlines.sweep-interval", "PT2S");
        }

        private NodeProcess shenzhen(String name) throws IOException {
            return instance("440300", "320100", SHENZHEN_SCHEMA, name)
                    .with("node.local-system.webhook.url", localSystem.url());
        }

        @Override
        public void close() throws Exception {
            try {
                List<AutoCloseable> all = new ArrayList<>(nanjing);
                all.addAll(shenzhen);
                all.add(broker);
                all.add(localSystem);
                NodeProcess.closeAll(all.toArray(AutoCloseable[]::new));
            } finally {
                PostgresExchangeIT.dropSchemas(NANJING_SCHEMA, SHENZHEN_SCHEMA);
            }
        }
    }

    private static void startAll(List<NodeProcess> nodes) throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (NodeProcess node : nodes) {
                started.add(starts.submit(() -> {
                    node.start();
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get();
            }
        } finally {
            starts.shutdown();
        }
    }

    /** What the stream did: the ids 320100 answered 202 for, and submissions that failed (an instance killed). */
    private record Stream(Set<String> accepted, int failed) {
    }

    /**
     * Four clients submit letters to the live instances of 320100 in turn until {@link #LETTERS} are accepted; at half,
     * one instance of each node is killed (kill -9) and taken out of the clients' rotation.
     */
    private static Stream stream(Network net) throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger turn = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();   // letters submitted or accepted: exactly LETTERS are accepted
        List<NodeProcess> live = new CopyOnWriteArrayList<>(net.nanjing);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        ExecutorService faults = Executors.newSingleThreadExecutor();
        Future<?>[] fault = new Future<?>[1];
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            work.add(clients.submit(() -> {
                while (taken.incrementAndGet() <= LETTERS) {
                    List<NodeProcess> now = List.copyOf(live);
                    NodeProcess instance = now.get(Math.floorMod(turn.getAndIncrement(), now.size()));
                    try {
                        var response = instance.api().contentType(ContentType.JSON).body(Samples.letterJson())
                                .post("/api/v1/contact-letters");
                        if (response.statusCode() == 202) {
                            accepted.add(response.path("messageId"));
                        } else {
                            failed.incrementAndGet();
                            taken.decrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        taken.decrementAndGet();
                    }
                    synchronized (fault) {
                        if (fault[0] == null && accepted.size() >= LETTERS / 2) {
                            NodeProcess victim = net.nanjing.get(0);
                            live.remove(victim);
                            fault[0] = faults.submit(() -> {
                                victim.kill();
                                net.shenzhen.get(0).kill();
                                System.out.printf("scale-out: killed 320100-a and 440300-a (kill -9) after %d letters%n",
                                        accepted.size());
                                return null;
                            });
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        fault[0].get();
        faults.shutdown();
        return new Stream(accepted, failed.get());
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(PostgresExchangeIT.URL, PostgresExchangeIT.USER, null);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> grouped(String sql) throws Exception {
        Map<String, Long> result = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getLong(2));
            }
        }
        return result;
    }

    private static Set<String> ids(String sql) throws Exception {
        return grouped(sql).keySet();
    }

    private static String messages(String schema, String direction, String type) {
        return schema + ".exn_message where direction = '" + direction + "' and message_type = '" + type + "'";
    }

    /** Waits until every message of {@code type} that 320100 holds is DELIVERED, at 440300 and notified. */
    private static void settle(String type, long expected) {
        await().atMost(DRAIN).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            long held = count("select count(*) from " + messages(NANJING_SCHEMA, "OUTBOUND", type));
            return held >= expected
                    && count("select count(*) from " + messages(NANJING_SCHEMA, "OUTBOUND", type)
                    + " and status = 'DELIVERED'") == held
                    && count("select count(*) from " + messages(SHENZHEN_SCHEMA, "INBOUND", type)) == held
                    && count("select count(*) from " + SHENZHEN_SCHEMA + ".exn_webhook where status <> 'DELIVERED'") == 0;
        });
    }

    @Test
    void shouldSendDeliverAndNotifyEachLetterOnceWhenOneInstanceOfEachNodeIsKilledMidStream() throws Exception {
        long begin = System.nanoTime();
        try (Network net = new Network()) {
            long started = System.nanoTime();
            Stream stream = stream(net);
            long streamed = System.nanoTime();
            Set<String> held = ids("select message_id, 1 from " + messages(NANJING_SCHEMA, "OUTBOUND", "ContactLetter"));
            settle("ContactLetter", held.size());
            long lettersSettled = System.nanoTime();

            // the year's calendar arrives: the sweep dates every open step, finds it DUE_SOON and reminds the peer
            int year = LocalDate.now(BEIJING).getYear();
            for (int y = year - 1; y <= year + 1; y++) {
                Files.writeString(net.calendar.resolve(y + ".properties"), "# TEST ONLY: every weekday works\nyear=" + y
                        + "\nsource=ScaleOutIT TEST ONLY\nholidays=\nworkdays=\n");
            }
            settle("Reminder", held.size());
            long remindersSettled = System.nanoTime();

            Set<String> delivered = ids("select message_id, 1 from " + messages(NANJING_SCHEMA, "OUTBOUND",
                    "ContactLetter") + " and status = 'DELIVERED'");
            Set<String> received = ids("select message_id, 1 from " + messages(SHENZHEN_SCHEMA, "INBOUND",
                    "ContactLetter"));
            long duplicatesSuppressed = count("select coalesce(sum(deliveries - 1), 0) from "
                    + messages(SHENZHEN_SCHEMA, "INBOUND", "ContactLetter"));
            Map<String, Long> remindersSent = grouped("select conversation_id, count(*) from "
                    + messages(NANJING_SCHEMA, "OUTBOUND", "Reminder") + " group by conversation_id");
            Map<String, Long> remindersReceived = grouped("select conversation_id, count(*) from "
                    + messages(SHENZHEN_SCHEMA, "INBOUND", "Reminder") + " group by conversation_id");
            Set<String> cases = ids("select conversation_id, 1 from " + messages(NANJING_SCHEMA, "OUTBOUND",
                    "ContactLetter"));
            Set<String> inbound = ids("select message_id, 1 from " + SHENZHEN_SCHEMA + ".exn_message where "
                    + "direction = 'INBOUND' and message_type in ('ContactLetter', 'Reminder')");
            Map<String, AtomicInteger> posts = net.localSystem.posts;
            long postedTwice = posts.values().stream().filter(n -> n.get() > 1).count();
            long letterPosts = received.stream().filter(posts::containsKey).count();

            System.out.printf("scale-out: 2 x 320100 + 2 x 440300 on PostgreSQL, %d letters: accepted %d (failed "
                            + "submissions %d), held by 320100 %d, delivered %d, received at 440300 %d (duplicates "
                            + "suppressed %d), webhook POSTs %d for %d message ids (letters %d, posted twice %d) | "
                            + "Reminders: cases %d, sent %d (max per case %d), received %d (max per case %d)%n",
                    LETTERS, stream.accepted().size(), stream.failed(), held.size(), delivered.size(), received.size(),
                    duplicatesSuppressed, net.localSystem.total.get(), posts.size(), letterPosts, postedTwice,
                    cases.size(), remindersSent.values().stream().mapToLong(Long::longValue).sum(),
                    remindersSent.values().stream().mapToLong(Long::longValue).max().orElse(0),
                    remindersReceived.values().stream().mapToLong(Long::longValue).sum(),
                    remindersReceived.values().stream().mapToLong(Long::longValue).max().orElse(0));
            System.out.printf("scale-out: nodes started in %.0f s, stream %.0f s, letters settled %.0f s later, "
                            + "Reminders settled %.0f s later%n", (started - begin) / 1e9, (streamed - started) / 1e9,
                    (lettersSettled - streamed) / 1e9, (remindersSettled - lettersSettled) / 1e9);

            assertThat(held).as("every accepted letter is held by 320100").containsAll(stream.accepted());
            assertThat(delivered).as("delivered (a Receipt for each)").isEqualTo(held);
            assertThat(received).as("received at 440300, once each").isEqualTo(held);
            assertThat(count("select count(*) from " + messages(SHENZHEN_SCHEMA, "INBOUND", "ContactLetter")))
                    .as("stored once each").isEqualTo(held.size());
            assertThat(posts.keySet()).as("every received letter and Reminder notified").isEqualTo(inbound);
            // delivery to the local system is at least once (the message id its idempotency key): an instance killed
            // between a POST and its record leaves that one notification to be posted again; each instance posts one
            // at a time, so the one kill may cost at most one repeat, and none may come from two instances at once
            assertThat(postedTwice).as("notifications posted twice").isLessThanOrEqualTo(1);
            assertThat(remindersSent.keySet()).as("a Reminder for every case").isEqualTo(cases);
            assertThat(remindersSent.values()).as("Reminders sent per case").containsOnly(1L);
            assertThat(remindersReceived).as("Reminders received per case").isEqualTo(remindersSent);
            long verifyStart = System.nanoTime();
            verifyAudit(net, 2L * held.size());
            System.out.printf("scale-out: audit chains exported and verified in %.0f s%n",
                    (System.nanoTime() - verifyStart) / 1e9);
        }
        System.out.printf("scale-out: total %.0f s%n", (System.nanoTime() - begin) / 1e9);
    }

    /**
     * Each node's chain, exported from one of its instances, verifies offline (both nodes at once); 320100's names
     * {@code sent} business messages sent, each with its Receipt.
     */
    private static void verifyAudit(Network net, long sent) throws Exception {
        ExecutorService verifiers = Executors.newFixedThreadPool(2);
        try {
            Future<?> nanjing = verifiers.submit(() -> verifyAudit(net, net.nanjing.get(1), "outbound     " + sent
                    + " business messages sent, " + sent + " with a matching Receipt"));
            Future<?> shenzhen = verifiers.submit(() -> verifyAudit(net, net.shenzhen.get(1), "RESULT       INTACT"));
            nanjing.get();
            shenzhen.get();
        } finally {
            verifiers.shutdown();
        }
    }

    private static Void verifyAudit(Network net, NodeProcess node, String expected) throws Exception {
        Path export = net.work.resolve("audit-" + node.baseUrl().replaceAll("\\D", "") + ".zip");
        Cli.Run exported = Cli.run(Map.of(), "audit-export", "--node", node.baseUrl(), "--user",
                NodeProcess.AUDITOR, "--password-env", "EXN_AUDIT_PASSWORD", "--out", export.toString());
        assertThat(exported.exit()).as(exported.output()).isZero();
        Cli.Run verified = Cli.run(Map.of(), "audit-verify", "--anchors",
                NodeProcess.CERTS.resolve("root-ca.crt.pem").toString(), export.toString());
        System.out.println(verified.output());
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("RESULT       INTACT").contains(expected);
        return null;
    }
}
