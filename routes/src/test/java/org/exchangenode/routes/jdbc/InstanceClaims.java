package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.config.OutboundConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;
import org.exchangenode.routes.localsystem.WebhookStore;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OutboxHandover;
import org.exchangenode.routes.outbound.SentMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one node on one database, each with its own pool and instance id, as two processes would be: they
 * compete for the same outbox rows and local-system notifications. Each row is handed to one of them (sent once), and
 * an instance whose claim expired and was taken over changes nothing (a DELIVERED notification stays DELIVERED). Run on
 * H2 ({@link InstanceClaimsTest}) and PostgreSQL ({@link InstanceClaimsPostgresTest}); plain JDBC, no Quarkus.
 */
abstract class InstanceClaims {
    static final int ROWS = 300;
    private final List<Database> databases = new ArrayList<>();
    private Database first;
    private Database second;

    /** The database both instances share: kind, url, schema (null on H2). */
    abstract DatabaseConfig database();

    /** Drops what the test made (its PostgreSQL schema). */
    abstract void dropDatabase() throws Exception;

    @SuppressWarnings("unchecked")
    static <T> T config(Class<T> type, Map<String, Object> values) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getName().equals("toString")) {
                return type.getSimpleName();
            }
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        });
    }

    static DatabaseConfig databaseConfig(DatabaseConfig.Kind kind, String url, String user, String schema) {
        return config(DatabaseConfig.class, Map.of("kind", kind, "url", Optional.of(url), "user",
                Optional.ofNullable(user), "password", Optional.empty(), "schema", Optional.ofNullable(schema),
                "maxPoolSize", 4));
    }

    static Database open(DatabaseConfig config) {
        return new Database(config, config(NodeConfig.class, Map.of("dataDir", java.nio.file.Path.of("target"))));
    }

    private Database open() {
        Database database = open(database());
        databases.add(database);
        return database;
    }

    static NodeInstance instance(String id, Duration lease) {
        return new NodeInstance(config(NodeConfig.class, Map.of("instanceId", Optional.of(id), "claimLease", lease)),
                config(DatabaseConfig.class, Map.of("kind", DatabaseConfig.Kind.postgresql)));
    }

    private static JdbcMessageStore messages(Database database) {
        return messages(database, handover(instance("handover", Duration.ofSeconds(30)), 200));
    }

    /** The message store of one instance, without audit log or webhook, handing its outbox rows to {@code handover}. */
    static JdbcMessageStore messages(Database database, OutboxHandover handover) {
        AuditLog audit = new AuditLog(database, config(AuditConfig.class, Map.of("enabled", false)));
        LocalSystemConfig.Webhook webhook = config(LocalSystemConfig.Webhook.class, Map.of("url", Optional.empty()));
        return new JdbcMessageStore(database, audit, config(LocalSystemConfig.class, Map.of("webhook", webhook)),
                handover, new MessageMetrics(new SimpleMeterRegistry()));
    }

    /** The relay's hand-over of {@code instance}, with room for {@code 2 x batchSize} rows. */
    static OutboxHandover handover(NodeInstance instance, int batchSize) {
        return new OutboxHandover(instance, config(OutboundConfig.class,
                Map.of("relay", config(OutboundConfig.Relay.class, Map.of("batchSize", batchSize)))));
    }

    private static JdbcWebhookStore webhooks(Database database) {
        return new JdbcWebhookStore(database, new AuditLog(database, config(AuditConfig.class, Map.of("enabled", false))));
    }

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        first = open();
        second = open();
    }

    @AfterEach
    void close() throws Exception {
        databases.forEach(Database::close);
        dropDatabase();
    }

    /** Queues {@code count} outbound messages (outbox rows) and, for each, a local-system notification. */
    private List<String> queue(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now().minusSeconds(1);
        try (Connection c = first.dataSource().getConnection();
             PreparedStatement message = c.prepareStatement("insert into exn_message (message_id, direction, "
                     + "message_type, conversation_id, from_node, to_node, peer_node, status, created_at, stored_at, "
                     + "updated_at, signature_algorithm, content_digest, content) values (?, 'OUTBOUND', "
                     + "'ContactLetter', ?, '320100', '440300', '440300', 'STORED', ?, ?, ?, 'SM2', 'digest', ?)");
             PreparedStatement outbox = c.prepareStatement("insert into exn_outbox (message_id, destination, attempts, "
                     + "next_attempt_at, created_at) values (?, 'exn.inbox.440300', 0, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                message.setString(1, id);
                message.setString(2, "C-" + id.substring(0, 8));
                Jdbc.set(message, 3, now);
                Jdbc.set(message, 4, now);
                Jdbc.set(message, 5, now);
                message.setBytes(6, "<letter/>".getBytes(StandardCharsets.UTF_8));
                message.executeUpdate();
                outbox.setString(1, id);
                Jdbc.set(outbox, 2, now);
                Jdbc.set(outbox, 3, now.plusMillis(i));
                outbox.executeUpdate();
                JdbcWebhookStore.queue(c, id, now);
                ids.add(id);
            }
        }
        return ids;
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection c = first.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Runs one relay loop per instance at once until neither finds work; returns how often each id was sent. */
    private Map<String, AtomicInteger> race(List<Runnable> loops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(loops.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            loops.forEach(loop -> done.add(pool.submit(loop)));
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return null;
    }

    @Test
    void shouldSendEachOutboxRowOnceWhenTwoInstancesRelayAtOnce() throws Exception {
        List<String> ids = queue(ROWS);
        Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        List<Runnable> relays = new ArrayList<>();
        for (Database database : List.of(first, second)) {
            JdbcMessageStore store = messages(database);
            NodeInstance instance = instance("relay-" + relays.size(), Duration.ofSeconds(30));
            relays.add(() -> {
                while (true) {
                    Instant now = Instant.now();
                    Claim claim = instance.claim(now);
                    List<OutboxEntry> due = store.claimOutbox(claim, now, 7);
                    if (due.isEmpty()) {
                        return;
                    }
                    // what the broker would take: counted per message id
                    due.forEach(e -> sent.computeIfAbsent(e.messageId(), id -> new AtomicInteger()).incrementAndGet());
                    store.markSent(claim, due.stream().map(e -> new SentMessage(e.messageId(), e.nextSend(), null)).toList(),
                            Instant.now());
                }
            });
        }
        race(relays);
        System.out.printf("outbox race (%s): %d rows, %d sent, %d sent more than once%n", getClass().getSimpleName(),
                ids.size(), sent.size(), sent.values().stream().filter(n -> n.get() > 1).count());
        assertThat(sent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(sent.values()).allSatisfy(n -> assertThat(n.get()).as("sends of one message").isEqualTo(1));
        assertThat(count("select count(*) from exn_outbox", null)).isZero();
        assertThat(count("select count(*) from exn_send_attempt where outcome = 'SENT'", null)).isEqualTo(ROWS);
    }

    @Test
    void shouldLeaveATakenOverOutboxRowToItsNewHolderWhenTheStaleInstanceRecordsItsOutcome() throws Exception {
        String id = queue(1).get(0);
        JdbcMessageStore stale = messages(first);
        JdbcMessageStore fresh = messages(second);
        Instant now = Instant.now();
        // the stale instance's claim has run out (it stalled, or its clock did): the other takes the row over
        Claim expired = new Claim("stale", UUID.randomUUID().toString(), now.minusMillis(1));
        assertThat(stale.claimOutbox(expired, now.minusSeconds(1), 10)).extracting(OutboxEntry::messageId).containsExactly(id);
        Claim claim = instance("fresh", Duration.ofSeconds(30)).claim(now);
        assertThat(fresh.claimOutbox(claim, now, 10)).extracting(OutboxEntry::messageId).containsExactly(id);
        stale.deferOutbox(expired, List.of(id), "broker unreachable", now.plusSeconds(600));
        stale.refuseOutbox(expired, id, 1, "refused", null, now);
        assertThat(count("select count(*) from exn_outbox where message_id = ? and claim_token is not null "
                + "and attempts = 0 and refusals = 0", id)).as("the row as the new holder claimed it").isEqualTo(1);
        fresh.markSent(claim, List.of(new SentMessage(id, 1, null)), now);
        stale.markSent(expired, List.of(new SentMessage(id, 1, null)), now);
        assertThat(count("select count(*) from exn_send_attempt where message_id = ?", id)).isEqualTo(1);
        assertThat(count("select count(*) from exn_message where message_id = ? and status = 'SENT'", id)).isEqualTo(1);
    }

    @Test
    void shouldPostEachNotificationOnceWhenTwoInstancesDeliverAtOnce() throws Exception {
        List<String> ids = queue(ROWS);
        Map<String, AtomicInteger> posted = new ConcurrentHashMap<>();
        List<Runnable> deliveries = new ArrayList<>();
        for (Database database : List.of(first, second)) {
            JdbcWebhookStore store = webhooks(database);
            NodeInstance instance = instance("webhook-" + deliveries.size(), Duration.ofSeconds(30));
            deliveries.add(() -> {
                while (true) {
                    Instant now = Instant.now();
                    Claim claim = instance.claim(now);
                    List<WebhookStore.Due> due = store.claim(claim, now, 7);
                    if (due.isEmpty()) {
                        return;
                    }
                    for (WebhookStore.Due notification : due) {
                        posted.computeIfAbsent(notification.messageId(), id -> new AtomicInteger()).incrementAndGet();
                        assertThat(store.delivered(claim, notification.messageId(), Instant.now())).isTrue();
                    }
                }
            });
        }
        race(deliveries);
        System.out.printf("webhook race (%s): %d notifications, %d posted, %d posted more than once%n",
                getClass().getSimpleName(), ids.size(), posted.size(),
                posted.values().stream().filter(n -> n.get() > 1).count());
        assertThat(posted.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(posted.values()).allSatisfy(n -> assertThat(n.get()).as("POSTs of one notification").isEqualTo(1));
        assertThat(count("select count(*) from exn_webhook where status = 'DELIVERED' and attempts = 1", null))
                .isEqualTo(ROWS);
    }

    @Test
    void shouldKeepADeliveredNotificationDeliveredWhenAStaleInstanceRecordsItsFailure() throws Exception {
        String id = queue(1).get(0);
        JdbcWebhookStore stale = webhooks(first);
        JdbcWebhookStore fresh = webhooks(second);
        Instant now = Instant.now();
        Claim expired = new Claim("stale", UUID.randomUUID().toString(), now.minusMillis(1));
        assertThat(stale.claim(expired, now.minusSeconds(1), 10)).extracting(WebhookStore.Due::messageId).containsExactly(id);
        // its POST hangs past the claim; the other instance takes the notification over and delivers it
        Claim claim = instance("fresh", Duration.ofSeconds(30)).claim(now);
        assertThat(fresh.claim(claim, now, 10)).extracting(WebhookStore.Due::messageId).containsExactly(id);
        assertThat(fresh.delivered(claim, id, now)).isTrue();
        // then the stale one's POST times out, on its last attempt
        assertThat(stale.failed(expired, id, ErrorCode.TRANSIENT_FAILURE, "timed out", now, true, now)).isFalse();
        assertThat(stale.delivered(expired, id, now)).isFalse();
        assertThat(count("select count(*) from exn_webhook where message_id = ? and status = 'DELIVERED' "
                + "and attempts = 1 and error_code is null", id)).isEqualTo(1);
    }

    @Test
    void shouldTakeOverTheRowsOfAKilledInstanceOnlyAfterItsClaimExpired() throws Exception {
        String id = queue(1).get(0);
        JdbcWebhookStore killed = webhooks(first);
        JdbcWebhookStore survivor = webhooks(second);
        Instant now = Instant.now();
        Claim held = instance("killed", Duration.ofSeconds(30)).claim(now);
        assertThat(killed.claim(held, now, 10)).hasSize(1);
        NodeInstance other = instance("survivor", Duration.ofSeconds(30));
        assertThat(survivor.claim(other.claim(now), now, 10)).as("while the claim holds").isEmpty();
        Instant later = held.until().plusMillis(1);
        Claim takeover = other.claim(later);
        assertThat(survivor.claim(takeover, later, 10)).extracting(WebhookStore.Due::messageId).containsExactly(id);
        assertThat(survivor.delivered(takeover, id, later)).isTrue();
    }
}
