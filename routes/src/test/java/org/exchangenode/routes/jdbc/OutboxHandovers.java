package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.exchangenode.routes.jdbc.InstanceClaims.config;
import static org.exchangenode.routes.jdbc.InstanceClaims.handover;
import static org.exchangenode.routes.jdbc.InstanceClaims.instance;
import static org.exchangenode.routes.jdbc.InstanceClaims.messages;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.routes.broker.BrokerSender;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.config.OutboundConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OutboxHandover;
import org.exchangenode.routes.outbound.OutboxRelay;
import org.exchangenode.routes.outbound.SentMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over of freshly stored outbox rows to the relay in memory ({@link OutboxHandover}): a handed row is written
 * claimed, so no other instance sends it while its claim holds and any instance takes it over once it expired (this
 * process died between the commit and the send); a store that finds the queue full, or writes nothing, leaves no
 * row behind the relay's back; a relay that cannot reach the broker releases every handed row. Two instances share
 * one database, on H2 ({@link OutboxHandoverTest}) and PostgreSQL ({@link OutboxHandoverPostgresTest}); the broker
 * that cannot be reached is a real Artemis client connecting to a port nothing listens on.
 */
abstract class OutboxHandovers {
    private static final String INBOX = "exn.inbox.440300";
    private final List<Database> databases = new ArrayList<>();
    private Database first;
    private Database second;
    /** What the stores of {@link #audited} count. */
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    abstract DatabaseConfig database();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        first = InstanceClaims.open(database());
        databases.add(first);
        second = InstanceClaims.open(database());
        databases.add(second);
    }

    @AfterEach
    void close() throws Exception {
        databases.forEach(Database::close);
        dropDatabase();
    }

    private static NewMessage message(MessageType type, Direction direction, String from, String to) {
        EnvelopeHeader header = EnvelopeHeader.create(type, from, to, "C-" + UUID.randomUUID().toString().substring(0, 8),
                null);
        return new NewMessage(header, direction, MessageStatus.STORED, "SM2", "digest",
                ("<" + type.wireName() + " id=\"" + header.messageId() + "\"/>").getBytes(StandardCharsets.UTF_8), null);
    }

    private static NewMessage letter() {
        return message(MessageType.CONTACT_LETTER, Direction.OUTBOUND, "320100", "440300");
    }

    private long count(String sql, Object... parameters) throws Exception {
        try (Connection c = first.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> ids(List<OutboxHandover.Handed> handed) {
        return handed.stream().map(h -> h.entry().messageId()).toList();
    }

    /** A relay whose broker cannot be reached: a real Artemis client, a port nothing listens on. */
    private static OutboxRelay unreachableRelay(JdbcMessageStore store, NodeInstance instance, OutboxHandover handover,
                                                int batchSize) {
        OutboundConfig.Relay relay = config(OutboundConfig.Relay.class, Map.of("batchSize", batchSize,
                "retryDelay", Duration.ofMinutes(10), "maxRefusals", 8, "refusalDelay", Duration.ofSeconds(30),
                "maxRefusalDelay", Duration.ofMinutes(30)));
        BrokerSender sender = new BrokerSender(new ActiveMQConnectionFactory("tcp://127.0.0.1:1?initialConnectAttempts=1"));
        return new OutboxRelay(store, sender, config(OutboundConfig.class, Map.of("relay", relay)),
                new ResendPolicy(Duration.ofMinutes(5), 2.0, Duration.ofHours(1), 0.1, 5), instance, handover);
    }

    @Test
    void shouldWriteAHandedRowClaimedSoThatAnotherInstanceTakesItOverOnlyWhenItsClaimExpired() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 200);
        JdbcMessageStore store = messages(first, handover);
        NewMessage letter = letter();
        String id = letter.header().messageId();
        store.storeOutbound(letter, INBOX);

        List<OutboxHandover.Handed> handed = handover.take(10);
        assertThat(ids(handed)).containsExactly(id);
        Claim claim = handed.get(0).claim();
        OutboxEntry entry = handed.get(0).entry();
        assertThat(claim.holder()).isEqualTo("handing");
        assertThat(List.of(entry.type(), entry.from(), entry.destination())).containsExactly("ContactLetter", "320100", INBOX);
        assertThat(List.of(entry.attempts(), entry.sendCount(), entry.refusals())).containsOnly(0);
        assertThat(entry.content()).isEqualTo(letter.content());
        assertThat(count("select count(*) from exn_outbox where message_id = ? and claimed_by = ? and claim_token = ?",
                id, "handing", claim.token())).as("the row as written, claimed for the hand-over").isEqualTo(1);

        JdbcMessageStore other = messages(second, handover(instance("other", Duration.ofSeconds(30)), 200));
        Instant now = Instant.now();
        assertThat(other.claimOutbox(instance("other", Duration.ofSeconds(30)).claim(now), now, 10))
                .as("while the hand-over's claim holds").isEmpty();
        // the handing process died after its commit: once the claim has expired, the row is another instance's
        Instant later = claim.until().plusMillis(1);
        Claim takeover = instance("other", Duration.ofSeconds(30)).claim(later);
        List<OutboxEntry> taken = other.claimOutbox(takeover, later, 10);
        assertThat(taken).extracting(OutboxEntry::messageId).containsExactly(id);
        assertThat(taken.get(0).content()).isEqualTo(letter.content());
        // and what the stale hand-over would record changes nothing
        store.markSent(claim, List.of(new SentMessage(id, 1, null)), later);
        assertThat(count("select count(*) from exn_send_attempt where message_id = ?", id)).isZero();
        other.markSent(takeover, List.of(new SentMessage(id, 1, null)), later);
        assertThat(count("select count(*) from exn_send_attempt where message_id = ? and outcome = 'SENT'", id)).isEqualTo(1);
        assertThat(count("select count(*) from exn_outbox")).isZero();
    }

    @Test
    void shouldWriteTheRowUnclaimedAndAskForAPollWhenTheHandOverIsFull() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 1);
        JdbcMessageStore store = messages(first, handover);
        assertThat(handover.takePollRequest()).as("a relay reads the table once after it starts").isTrue();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            NewMessage letter = letter();
            store.storeOutbound(letter, INBOX);
            ids.add(letter.header().messageId());
        }
        assertThat(handover.takePollRequest()).as("both rows handed over").isFalse();
        NewMessage third = letter();
        store.storeOutbound(third, INBOX);
        assertThat(handover.takePollRequest()).as("the third found the queue (2 x batch size) full").isTrue();

        assertThat(ids(handover.take(10))).containsExactlyElementsOf(ids);
        Instant now = Instant.now();
        JdbcMessageStore other = messages(second, handover(instance("other", Duration.ofSeconds(30)), 200));
        assertThat(other.claimOutbox(instance("other", Duration.ofSeconds(30)).claim(now), now, 10))
                .extracting(OutboxEntry::messageId).as("the third is any instance's").containsExactly(third.header().messageId());
    }

    @Test
    void shouldGiveTheSlotBackWhenAStoreWritesNothing() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 1);
        JdbcMessageStore store = messages(first, handover);
        handover.takePollRequest();
        NewMessage letter = letter();
        store.storeOutbound(letter, INBOX);
        NewMessage received = message(MessageType.CONTACT_LETTER, Direction.INBOUND, "440300", "320100");
        assertThat(store.storeInbound(MessageWrite.inbound(received,
                message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX))).isTrue();
        assertThat(handover.take(10)).hasSize(2);

        // a repeated delivery stores nothing and queues no Receipt; a message stored twice fails on its key
        assertThat(store.storeInbound(MessageWrite.inbound(received,
                message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX))).isFalse();
        assertThatThrownBy(() -> store.storeOutbound(letter, INBOX)).isInstanceOf(RuntimeException.class);
        assertThat(count("select count(*) from exn_outbox")).isEqualTo(2);

        // both slots are free again: the next two rows are handed over and no poll is asked for
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            NewMessage another = letter();
            store.storeOutbound(another, INBOX);
            next.add(another.header().messageId());
        }
        assertThat(handover.takePollRequest()).isFalse();
        assertThat(ids(handover.take(10))).containsExactlyElementsOf(next);
    }

    /**
     * Two consumers given the same message (a redelivery while the first was still storing it, or two instances):
     * the second waits for the first's commit and stores nothing, queues no second Receipt and gives its slot back,
     * instead of failing on the key as a transient failure that makes the broker deliver the message once more. The
     * same for a peer's Receipt stored twice.
     */
    @Test
    void shouldStoreNothingWhenAnotherTransactionStoredTheSameMessageAMomentAgo() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 1);
        JdbcMessageStore store = messages(first, handover);
        handover.takePollRequest();
        NewMessage received = message(MessageType.CONTACT_LETTER, Direction.INBOUND, "440300", "320100");
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection other = second.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement s = other.prepareStatement("insert into exn_message (message_id, direction, "
                    + "message_type, conversation_id, from_node, to_node, peer_node, status, created_at, stored_at, "
                    + "updated_at, signature_algorithm, content_digest, content) values (?, 'INBOUND', 'ContactLetter', "
                    + "'C-1', '440300', '320100', '440300', 'RECEIVED', ?, ?, ?, 'SM2', 'digest', ?)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                s.setString(1, received.header().messageId());
                s.setObject(2, now);
                s.setObject(3, now);
                s.setObject(4, now);
                s.setBytes(5, received.content());
                s.executeUpdate();
            }
            Future<Boolean> storing = executor.submit(() -> store.storeInbound(MessageWrite.inbound(received,
                    message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX)));
            Thread.sleep(300);
            assertThat(storing).as("waits for the other transaction's key").isNotDone();
            other.commit();
            assertThat(storing.get(20, TimeUnit.SECONDS)).isFalse();
        } finally {
            executor.shutdownNow();
        }
        assertThat(count("select count(*) from exn_message")).as("only the other's row").isEqualTo(1);
        assertThat(count("select count(*) from exn_outbox")).isZero();
        assertThat(handover.take(10)).isEmpty();
        NewMessage letter = letter();
        store.storeOutbound(letter, INBOX);
        assertThat(ids(handover.take(10))).as("the slot was given back").containsExactly(letter.header().messageId());

        NewMessage receipt = message(MessageType.RECEIPT, Direction.INBOUND, "440300", "320100");
        Instant at = Instant.now();
        assertThat(store.recordReceipt(receipt, letter.header().messageId(), at)).isTrue();
        assertThat(store.recordReceipt(receipt, letter.header().messageId(), at)).as("the same Receipt again").isFalse();
        assertThat(count("select count(*) from exn_message where message_id = ?", receipt.header().messageId()))
                .isEqualTo(1);
    }

    /**
     * A group commit ({@link GroupCommit}, the inbox consumer's): two received letters stored in one transaction.
     * Inside the group a read sees what the group wrote, another connection sees nothing, and nothing is handed to the
     * relay or done after the commit; after it both letters and their Receipts are there and handed over.
     */
    @Test
    void shouldStoreAGroupInOneCommitAndHandItsRowsOverOnlyThen() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 2);
        JdbcMessageStore store = audited(first, handover);
        handover.takePollRequest();
        NewMessage one = message(MessageType.CONTACT_LETTER, Direction.INBOUND, "440300", "320100");
        NewMessage two = message(MessageType.CONTACT_LETTER, Direction.INBOUND, "440300", "320100");
        NewMessage receiptOne = message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300");
        NewMessage receiptTwo = message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300");
        List<String> done = new ArrayList<>();

        new GroupCommit(first).run(() -> {
            for (NewMessage received : List.of(one, two)) {
                assertThat(store.storeInbound(MessageWrite.inbound(received, received == one ? receiptOne : receiptTwo,
                        INBOX))).isTrue();
                GroupCommit.afterCommit(() -> done.add(received.header().messageId()));
            }
            assertThat(store.find(two.header().messageId())).as("the group reads its own writes").isPresent();
            assertThat(uncheckedCount("select count(*) from exn_message")).as("nobody else does").isZero();
            assertThat(handover.take(10)).as("nothing handed before the commit").isEmpty();
            assertThat(done).isEmpty();
        });

        assertThat(count("select count(*) from exn_message where direction = 'INBOUND'")).isEqualTo(2);
        assertThat(count("select count(*) from exn_outbox")).isEqualTo(2);
        assertThat(handover.take(10)).hasSize(2);
        assertThat(done).containsExactly(one.header().messageId(), two.header().messageId());
        assertThat(handover.takePollRequest()).as("both rows were handed, none left for a poll").isFalse();
        // the group's four audit entries, appended together before its commit: one unbroken chain up to the head
        List<String[]> entries = new ArrayList<>();
        try (Connection c = first.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "select sequence, kind, message_id, previous_hash, entry_hash from exn_audit_entry order by sequence");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                entries.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)});
            }
        }
        assertThat(entries).extracting(e -> e[1] + " " + e[2]).containsExactly(
                "MESSAGE_RECEIVED " + one.header().messageId(), "RECEIPT_SENT " + receiptOne.header().messageId(),
                "MESSAGE_RECEIVED " + two.header().messageId(), "RECEIPT_SENT " + receiptTwo.header().messageId());
        for (int i = 1; i < entries.size(); i++) {
            assertThat(Long.parseLong(entries.get(i)[0])).isEqualTo(Long.parseLong(entries.get(i - 1)[0]) + 1);
            assertThat(entries.get(i)[3]).as("linked to the entry before").isEqualTo(entries.get(i - 1)[4]);
        }
        assertThat(count("select count(*) from exn_audit_head where last_sequence = ? and last_hash = ?",
                Long.parseLong(entries.get(3)[0]), entries.get(3)[4])).as("the head is the group's last entry")
                .isEqualTo(1);
    }

    /**
     * The message store of {@link InstanceClaims#messages(Database, OutboxHandover)} with its audit log on, counting
     * into {@link #meters}.
     */
    private JdbcMessageStore audited(Database database, OutboxHandover handover) {
        return new JdbcMessageStore(database, new AuditLog(database, config(AuditConfig.class, Map.of("enabled", true))),
                config(LocalSystemConfig.class, Map.of("webhook", config(LocalSystemConfig.Webhook.class,
                        Map.of("url", Optional.empty())))), handover, new MessageMetrics(meters));
    }

    /**
     * All or nothing: a store in the group that fails (here the same letter a second time, whose insert fails on its
     * key, which the store itself answers with "not stored") spoils the group. Nothing of it is kept, its hand-over
     * slots are free again, nothing waiting for the commit runs, and the database is usable at once (on PostgreSQL the
     * failed statement had aborted the transaction).
     */
    @Test
    void shouldRollTheWholeGroupBackWhenOneOfItsStoresFails() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 1);
        JdbcMessageStore store = audited(first, handover);
        handover.takePollRequest();
        NewMessage received = message(MessageType.CONTACT_LETTER, Direction.INBOUND, "440300", "320100");
        List<String> done = new ArrayList<>();

        assertThatThrownBy(() -> new GroupCommit(first).run(() -> {
            assertThat(store.storeInbound(MessageWrite.inbound(received,
                    message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX))).isTrue();
            GroupCommit.afterCommit(() -> done.add("first"));
            assertThat(store.storeInbound(MessageWrite.inbound(received,
                    message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX))).isFalse();
        })).isInstanceOf(ExchangeException.class).hasMessageContaining("rolled back as a whole");

        assertThat(count("select count(*) from exn_message")).isZero();
        assertThat(count("select count(*) from exn_outbox")).isZero();
        assertThat(count("select count(*) from exn_audit_entry")).isZero();
        assertThat(done).isEmpty();
        assertThat(handover.take(10)).isEmpty();
        List<String> next = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            NewMessage another = letter();
            store.storeOutbound(another, INBOX);
            next.add(another.header().messageId());
        }
        assertThat(ids(handover.take(10))).as("both slots were given back").containsExactlyElementsOf(next);
        assertThat(store.storeInbound(MessageWrite.inbound(received,
                message(MessageType.RECEIPT, Direction.OUTBOUND, "320100", "440300"), INBOX))).isTrue();
    }

    /**
     * The relay records a batch as sent (letter A, then C) while an inbox group holds C answered and now answers A: each
     * waits for the other's row. The database ends it by failing one of them (H2 at once, PostgreSQL after its
     * {@code deadlock_timeout}), and neither is left half-written: the relay tries its record again and the group's
     * Receipts come again from the broker, each alone. In the end both letters are DELIVERED, sent once, their outbox
     * rows gone, each Receipt stored once. Before group commit a received message locked one existing row, so this
     * could not happen.
     */
    @Test
    void shouldEndARelayAndAGroupWaitingForEachOtherWithBothLettersDeliveredAndSentOnce() throws Exception {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 2);
        JdbcMessageStore store = audited(first, handover);
        NewMessage a = letter();
        NewMessage c = letter();
        store.storeOutbound(a, INBOX);
        store.storeOutbound(c, INBOX);
        List<OutboxHandover.Handed> handed = handover.take(10);
        assertThat(ids(handed)).containsExactly(a.header().messageId(), c.header().messageId());
        Claim claim = handed.get(0).claim();
        assertThat(handed.get(1).claim()).isEqualTo(claim);
        NewMessage receiptA = message(MessageType.RECEIPT, Direction.INBOUND, "440300", "320100");
        NewMessage receiptC = message(MessageType.RECEIPT, Direction.INBOUND, "440300", "320100");
        Instant at = Instant.now();
        CountDownLatch cAnswered = new CountDownLatch(1);
        CountDownLatch relayWaits = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        Throwable groupFailure;
        try {
            Future<?> group = executor.submit(() -> new GroupCommit(first).run(() -> {
                assertThat(store.recordReceipt(receiptC, c.header().messageId(), at)).isTrue();
                cAnswered.countDown();
                await(relayWaits);
                store.recordReceipt(receiptA, a.header().messageId(), at);
            }));
            await(cAnswered);
            Future<?> relay = executor.submit(() -> store.markSent(claim, List.of(new SentMessage(a.header()
                    .messageId(), 1, at.plusSeconds(600)), new SentMessage(c.header().messageId(), 1,
                    at.plusSeconds(600))), at));
            Thread.sleep(300);
            assertThat(relay).as("the relay waits for the group's row C").isNotDone();
            relayWaits.countDown();
            relay.get(30, TimeUnit.SECONDS);
            try {
                group.get(30, TimeUnit.SECONDS);
                groupFailure = null;
            } catch (ExecutionException e) {
                groupFailure = e.getCause();
            }
        } finally {
            executor.shutdownNow();
        }
        double retries = meters.counter("exn.database.deadlock.retries", "work", "relay.mark-sent").count();
        assertThat(retries).as("the relay's record run again, and counted, when it was the victim")
                .isEqualTo(groupFailure == null ? 1 : 0);
        if (groupFailure != null) {
            assertThat(groupFailure).isInstanceOf(ExchangeException.class);
            assertThat(count("select count(*) from exn_message where message_type = 'Receipt'"))
                    .as("the group kept nothing").isZero();
            // the broker delivers the group's messages again: each alone
            assertThat(store.recordReceipt(receiptC, c.header().messageId(), at)).isTrue();
            assertThat(store.recordReceipt(receiptA, a.header().messageId(), at)).isTrue();
        }
        assertThat(count("select count(*) from exn_message where status = 'DELIVERED' and receipt_due_at is null "
                + "and sent_at is not null and message_id in (?, ?)", a.header().messageId(), c.header().messageId()))
                .as("both letters DELIVERED and recorded as sent").isEqualTo(2);
        assertThat(count("select count(*) from exn_outbox")).isZero();
        assertThat(count("select count(*) from exn_send_attempt where outcome = 'SENT'")).isEqualTo(2);
        assertThat(count("select count(*) from exn_message where message_type = 'Receipt'")).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long uncheckedCount(String sql) {
        try {
            return count(sql);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldBoundTheQueueByItsContentBytesAsWellAsByRows() {
        OutboxHandover handover = handover(instance("handing", Duration.ofSeconds(30)), 200);
        OutboxHandover.Slot large = handover.reserve(Instant.now(), (int) OutboxHandover.MAX_BYTES - 10);
        assertThat(large).isNotNull();
        assertThat(handover.reserve(Instant.now(), 11)).as("over the bound in bytes").isNull();
        assertThat(handover.reserve(Instant.now(), 10)).as("up to it").isNotNull();
        handover.release(large);
        assertThat(handover.reserve(Instant.now(), 1_000_000)).as("after the large one left").isNotNull();
    }

    @Test
    void shouldReleaseAndDeferEveryHandedRowWhenTheBrokerCannotBeReached() throws Exception {
        NodeInstance instance = instance("handing", Duration.ofSeconds(30));
        OutboxHandover handover = handover(instance, 1);
        JdbcMessageStore store = messages(first, handover);
        for (int i = 0; i < 2; i++) {
            store.storeOutbound(letter(), INBOX);
        }
        handover.takePollRequest();
        // a batch of one: the first fails, the second is deferred without a try
        assertThat(unreachableRelay(store, instance, handover, 1).drain(false)).isZero();

        assertThat(handover.take(10)).isEmpty();
        assertThat(count("select count(*) from exn_outbox where claim_token is null and attempts = 1 "
                + "and next_attempt_at > ?", Instant.now().plus(Duration.ofMinutes(9)).atOffset(java.time.ZoneOffset.UTC)))
                .as("released, waiting for the retry delay").isEqualTo(2);
        assertThat(count("select count(*) from exn_send_attempt where outcome = 'BROKER_UNAVAILABLE'")).isEqualTo(2);
    }

    @Test
    void shouldLeaveAHandedRowWhoseClaimExpiredToTheTablesPoll() throws Exception {
        NodeInstance instance = instance("handing", Duration.ofMillis(200));
        OutboxHandover handover = handover(instance, 200);
        JdbcMessageStore store = messages(first, handover);
        NewMessage letter = letter();
        store.storeOutbound(letter, INBOX);
        handover.takePollRequest();
        Thread.sleep(300);
        OutboxRelay relay = unreachableRelay(store, instance, handover, 200);

        assertThat(relay.drain(false)).isZero();
        assertThat(count("select count(*) from exn_send_attempt")).as("not tried under the expired claim").isZero();
        assertThat(handover.takePollRequest()).as("the next drain reads the table").isTrue();
        relay.drain(true);
        assertThat(count("select count(*) from exn_send_attempt where message_id = ? and outcome = 'BROKER_UNAVAILABLE'",
                letter.header().messageId())).as("tried once, from the table").isEqualTo(1);
    }
}
