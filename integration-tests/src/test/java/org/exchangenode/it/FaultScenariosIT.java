package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.routes.broker.NodeDeadLetterQueues;
import org.exchangenode.testsupport.process.ArtemisServer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost: each scenario streams {@value #DEFAULT_LETTERS} contact letters from 320100 to 440300 (both on
 * PostgreSQL, a real Artemis broker, node processes), breaks something in the middle, and then counts at both nodes
 * through their public API: sent, delivered, receipted, duplicates suppressed. Lost and processed twice must be 0.
 */
class FaultScenariosIT {
    private static final int DEFAULT_LETTERS = 1000;
    private static final int LETTERS = Integer.getInteger("exn.faults.letters", DEFAULT_LETTERS);
    private static final Duration DRAIN = Duration.ofMinutes(4);
    private static final Path CLI = NodeProcess.ROOT.resolve("cli/target/exchange-node-cli.jar");

    /** A broker and the two nodes, each node in a PostgreSQL schema of its own. */
    private static final class Network implements AutoCloseable {
        final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        final String scenario;
        final ArtemisServer broker;
        final NodeProcess sender;
        final NodeProcess receiver;
        final List<String> schemas = new ArrayList<>();

        Network(String scenario, Map<String, String> senderSettings) throws Exception {
            this.scenario = scenario;
            Path work = NodeProcess.WORK.resolve("fault-" + scenario + "-" + run);
            broker = new ArtemisServer(work.resolve("broker"), new NodeDeadLetterQueues());
            sender = node("320100", "440300", work, senderSettings);
            receiver = node("440300", "320100", work, Map.of());
        }

        private NodeProcess node(String id, String peer, Path work, Map<String, String> settings) throws Exception {
            String schema = "it_fault_" + id + "_" + run;
            schemas.add(schema);
            NodeProcess node = new NodeProcess(id, work.getFileName().toString(), broker.url(), List.of(peer))
                    .onPostgres(PostgresExchangeIT.URL + (PostgresExchangeIT.URL.contains("?") ? "&" : "?")
                            + "ApplicationName=" + applicationName(), PostgresExchangeIT.USER, schema)
                    .with("quarkus.security.users.embedded.roles." + NodeProcess.AUDITOR, "auditor,operator");
            settings.forEach(node::with);
            return node.start();
        }

        /** What both nodes of this network call themselves on PostgreSQL, so that a fault hits them and no one else. */
        String applicationName() {
            return "exn-it-fault-" + run;
        }

        @Override
        public void close() throws Exception {
            try {
                NodeProcess.closeAll(sender, receiver, broker);
            } finally {
                PostgresExchangeIT.dropSchemas(schemas.toArray(String[]::new));
            }
        }
    }

    /** What the stream did: letters the sender accepted (202), and submissions refused while it was down. */
    private record Stream(Set<String> accepted, int refused) {
    }

    /**
     * Submits the letters with four clients; {@code fault} runs once, in the background, when half are accepted. A
     * submission that fails (the sender is down) is not retried: the client moves on, as a local system would queue it.
     */
    private static Stream stream(NodeProcess sender, ThrowingRunnable fault) throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        ExecutorService faults = Executors.newSingleThreadExecutor();
        List<Future<?>> work = new ArrayList<>();
        Future<?>[] faultRun = new Future<?>[1];
        for (int c = 0; c < 4; c++) {
            work.add(clients.submit(() -> {
                while (next.getAndIncrement() < LETTERS) {
                    try {
                        var response = sender.api().contentType(ContentType.JSON).body(Samples.letterJson())
                                .post("/api/v1/contact-letters");
                        if (response.statusCode() == 202) {
                            accepted.add(response.path("messageId"));
                        } else {
                            refused.incrementAndGet();
                            Thread.sleep(200);
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                        sleep(200);
                    }
                    synchronized (faultRun) {
                        if (fault != null && faultRun[0] == null && accepted.size() >= LETTERS / 2) {
                            faultRun[0] = faults.submit(() -> {
                                fault.run();
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
        if (faultRun[0] != null) {
            faultRun[0].get();
        }
        faults.shutdown();
        return new Stream(accepted, refused.get());
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonPath counts(NodeProcess node) {
        return node.api().get("/api/v1/messages/counts").then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath counts, String key) {
        Object value = counts.getMap("byStatus").get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every business message id a node holds in one direction, through the list API. */
    private static Set<String> ids(NodeProcess node, String direction) {
        Set<String> ids = new HashSet<>();
        for (int page = 0; ; page++) {
            List<String> batch = node.api().get("/api/v1/messages?type=ContactLetter&direction=" + direction
                    + "&size=500&page=" + page).then().statusCode(200).extract().jsonPath().getList("messageId");
            ids.addAll(batch);
            if (batch.size() < 500) {
                return ids;
            }
        }
    }

    /**
     * How often each message id reached the receiver's local system: its pull inbox, every entry acknowledged or not,
     * paged by sequence. Counted apart from the message table, so a letter processed twice shows here.
     */
    private static Map<String, Integer> handedOver(NodeProcess node) {
        Map<String, Integer> times = new HashMap<>();
        long after = 0;
        while (true) {
            List<Map<String, Object>> batch = node.api().get("/api/v1/inbox?all=true&limit=100&after=" + after).then()
                    .statusCode(200).extract().jsonPath().getList("$");
            for (Map<String, Object> entry : batch) {
                times.merge((String) entry.get("messageId"), 1, Integer::sum);
                after = ((Number) entry.get("sequence")).longValue();
            }
            if (batch.size() < 100) {
                return times;
            }
        }
    }

    /** The cases the receiver opened from 320100's letters: the business effect, one case per letter. */
    private static List<String> casesOpened(NodeProcess node) {
        List<String> cases = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> batch = node.api().get("/api/v1/cases?peer=320100&role=TRANSFER_OUT&size=500&page=" + page)
                    .then().statusCode(200).extract().jsonPath().getList("caseId");
            cases.addAll(batch);
            if (batch.size() < 500) {
                return cases;
            }
        }
    }

    /**
     * Waits until every letter the sender holds is DELIVERED and the receiver holds each exactly once, then prints and
     * checks the counts. Returns the number of duplicates the receiver suppressed.
     */
    private static long settleAndCount(Network net, Stream stream) {
        await().atMost(DRAIN).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            JsonPath sent = counts(net.sender);
            long total = sent.getMap("byStatus").entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith("OUTBOUND.")).mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
            return total > 0 && count(sent, "OUTBOUND.DELIVERED") == total
                    && count(counts(net.receiver), "INBOUND.RECEIVED") == total;
        });
        Set<String> sent = ids(net.sender, "OUTBOUND");
        Set<String> received = ids(net.receiver, "INBOUND");
        JsonPath senderCounts = counts(net.sender);
        JsonPath receiverCounts = counts(net.receiver);
        Set<String> lost = new HashSet<>(sent);
        lost.removeAll(received);
        Set<String> unknown = new HashSet<>(received);
        unknown.removeAll(sent);
        long duplicates = receiverCounts.getLong("duplicatesSuppressed");
        Map<String, Integer> handedOver = handedOver(net.receiver);
        long processedTwice = handedOver.values().stream().filter(times -> times > 1).count();
        List<String> cases = casesOpened(net.receiver);
        System.out.printf("fault scenario %-26s submitted %d: accepted %d, refused while down %d | sender: sent %d, "
                        + "delivered %d | receiver: received %d, receipted %d, duplicates suppressed %d | lost %d, "
                        + "processed twice %d%n", net.scenario, LETTERS, stream.accepted().size(), stream.refused(),
                sent.size(), count(senderCounts, "OUTBOUND.DELIVERED"), count(receiverCounts, "INBOUND.RECEIVED"),
                receiverCounts.getLong("receiptsSent"), duplicates, lost.size(),
                processedTwice);
        assertThat(sent).as("every accepted letter is held by the sender").containsAll(stream.accepted());
        assertThat(lost).as("lost").isEmpty();
        assertThat(unknown).as("received but never sent").isEmpty();
        assertThat(count(receiverCounts, "INBOUND.RECEIVED")).as("stored once each").isEqualTo(sent.size());
        assertThat(count(senderCounts, "OUTBOUND.DELIVERED")).isEqualTo(sent.size());
        assertThat(receiverCounts.getLong("receiptsSent")).as("a Receipt per delivery").isEqualTo(sent.size() + duplicates);
        assertThat(processedTwice).as("processed twice (handed to the local system more than once)").isZero();
        assertThat(handedOver.keySet()).as("every letter handed to the local system").isEqualTo(sent);
        assertThat(cases).as("one case opened per letter").hasSize(sent.size()).doesNotHaveDuplicates();
        return duplicates;
    }

    @Test
    void shouldLoseNothingWhenTheSenderIsKilledMidStream() throws Exception {
        try (Network net = new Network("sender-killed", Map.of())) {
            Stream stream = stream(net.sender, () -> {
                net.sender.kill();
                sleep(1000);
                net.sender.start();
            });
            settleAndCount(net, stream);
        }
    }

    @Test
    void shouldLoseNothingWhenTheBrokerIsDownForThirtySeconds() throws Exception {
        try (Network net = new Network("broker-down-30s", Map.of())) {
            Stream stream = stream(net.sender, () -> net.broker.restartAfter(Duration.ofSeconds(30)));
            settleAndCount(net, stream);
        }
    }

    @Test
    void shouldLoseNothingWhenTheReceiverIsKilledMidStream() throws Exception {
        try (Network net = new Network("receiver-killed", Map.of())) {
            Stream stream = stream(net.sender, () -> {
                net.receiver.kill();
                sleep(1000);
                net.receiver.start();
            });
            settleAndCount(net, stream);
        }
    }

    @Test
    void shouldLoseNothingWhenTheDatabaseConnectionsAreCut() throws Exception {
        try (Network net = new Network("database-connections-cut", Map.of())) {
            AtomicInteger cut = new AtomicInteger();
            Stream stream = stream(net.sender, () -> {
                for (int i = 0; i < 3; i++) {
                    try (var c = DriverManager.getConnection(PostgresExchangeIT.URL, PostgresExchangeIT.USER, null);
                         Statement s = c.createStatement();
                         // every connection of both nodes is cut (only theirs: another build may share this database)
                         var terminated = s.executeQuery("select count(*) from (select pg_terminate_backend(pid) "
                                 + "from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
                                 + "and backend_type = 'client backend' and application_name = '" + net.applicationName()
                                 + "') t")) {
                        terminated.next();
                        cut.addAndGet(terminated.getInt(1));
                    }
                    sleep(2000);
                }
            });
            System.out.println("database-connections-cut: " + cut.get() + " connections of the two nodes cut");
            assertThat(cut.get()).as("connections of the two nodes cut").isPositive();
            settleAndCount(net, stream);
        }
    }

    @Test
    void shouldDeliverEveryFailedLetterExactlyOnceByBulkReplayAfterTheReceiverWasDownTooLong() throws Exception {
        // the command line replays a hundred ids per call: with a four-eyes threshold of 100 each call replays at
        // once (this scenario is about exactly-once delivery; the approval of bulk replays is ReplayRequestsTest's)
        Map<String, String> shortRetries = Map.of("node.delivery.receipt-timeout", "PT3S",
                "node.delivery.backoff-multiplier", "1.0", "node.delivery.jitter", "0",
                "node.delivery.max-sends", "2", "node.delivery.check-interval", "PT1S",
                "node.operations.four-eyes-threshold", "100");
        try (Network net = new Network("receiver-down-past-retries", shortRetries)) {
            net.receiver.stop();
            Stream stream = stream(net.sender, null);
            await().atMost(DRAIN).pollInterval(Duration.ofSeconds(2)).until(() ->
                    count(counts(net.sender), "OUTBOUND.FAILED") == stream.accepted().size());
            // while it was down its queue was lost (purged by its operator): only a replay can deliver now
            int purged = purge(net.broker.url(), "node.440300.inbox");
            net.receiver.start();

            Run dryRun = cli("replay", "--node", net.sender.baseUrl(), "--peer", "440300", "--error-code",
                    "RECEIPT_TIMEOUT", "--reason", "440300 was down past the retry limit", "--dry-run");
            assertThat(dryRun.exit()).as(dryRun.output()).isZero();
            assertThat(dryRun.output()).contains("summary: " + stream.accepted().size() + " matched, "
                    + stream.accepted().size() + " would be replayed (dry run: nothing changed), 0 skipped");
            assertThat(count(counts(net.sender), "OUTBOUND.FAILED")).isEqualTo(stream.accepted().size());

            Run replay = cli("replay", "--node", net.sender.baseUrl(), "--peer", "440300", "--reason",
                    "440300 was down past the retry limit");
            System.out.println("queue purged: " + purged + " copies\n" + replay.output());
            assertThat(replay.exit()).as(replay.output()).isZero();
            assertThat(replay.output()).contains("replayed 100/" + stream.accepted().size())
                    .contains("summary: " + stream.accepted().size() + " matched, " + stream.accepted().size()
                            + " replayed, 0 skipped");

            long duplicates = settleAndCount(net, stream);
            assertThat(duplicates).as("each replayed letter arrived once").isZero();
        }
    }

    @Test
    void shouldDeadLetterAPoisonMessageWithoutBlockingTheStream() throws Exception {
        try (Network net = new Network("poison-message", Map.of())) {
            String schema = net.schemas.get(1);
            try (var c = DriverManager.getConnection(PostgresExchangeIT.URL, PostgresExchangeIT.USER, null);
                 Statement s = c.createStatement()) {
                // the fault: this receiver's database refuses to store a letter of conversation POISON-* (as a
                // latent bug or a corrupt row would), so processing it throws every time
                s.execute("create function " + schema + ".exn_poison() returns trigger language plpgsql as $$ begin "
                        + "if new.conversation_id like 'POISON%' then raise exception 'test fault: poison %', "
                        + "new.message_id; end if; return new; end $$");
                s.execute("create trigger exn_poison before insert on " + schema + ".exn_message for each row "
                        + "execute function " + schema + ".exn_poison()");
            }
            SignedMessage poison = RawSender.letter("320100", "320100", "440300", "POISON-1", Samples.letter());
            Stream stream;
            try (RawSender raw = new RawSender(net.broker.url())) {
                stream = stream(net.sender, () -> raw.send("440300", poison.bytes()));
            }
            settleAndCount(net, stream);
            String poisonId = poison.header().messageId();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    net.receiver.auditor().get("/api/v1/operations/dead-letters").then().extract().jsonPath()
                            .getList("messageId").contains(poisonId));
            net.receiver.api().get("/api/v1/messages/" + poisonId).then().statusCode(404);

            try (var c = DriverManager.getConnection(PostgresExchangeIT.URL, PostgresExchangeIT.USER, null);
                 Statement s = c.createStatement()) {
                s.execute("drop trigger exn_poison on " + schema + ".exn_message");
            }
            Run replay = cli("replay-dead-letters", "--node", net.receiver.baseUrl(), "--reason", "storage fault fixed");
            System.out.println(replay.output());
            assertThat(replay.exit()).as(replay.output()).isZero();
            assertThat(replay.output()).contains("summary: 1 matched, 1 replayed, 0 skipped");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> net.receiver.api()
                    .get("/api/v1/messages/" + poisonId).then().statusCode(200));
        }
    }

    private static int purge(String brokerUrl, String queue) throws Exception {
        int purged = 0;
        try (Connection connection = new ActiveMQConnectionFactory(brokerUrl).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            while (consumer.receive(1000) != null) {
                purged++;
            }
        }
        return purged;
    }

    private record Run(int exit, String output) {
    }

    private static Run cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CLI.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--user", NodeProcess.AUDITOR, "--password-env", "EXN_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("EXN_PASSWORD", NodeProcess.AUDITOR_PASSWORD);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
