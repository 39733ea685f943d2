package org.exchangenode.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.health.Backlogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * H2's plan for the gauge of letters awaiting a Receipt, read at every metrics sample, on a node that has sent 2,000
 * Receipts (SENT for good, nothing due) and has 10 letters awaiting theirs. The count must read
 * exn_message_peer_status, the one index that holds every column it reads (through any other H2 reads each letter's
 * row with its 4.6 KB of signed content: the backlog benchmark measured that at a fifth of the sender's CPU), and
 * only the entries of letters with a Receipt due: reading every (OUTBOUND, SENT) entry, a receiving node read every
 * Receipt it had ever sent at every sample (7 % of the receiver's CPU 55,000 letters into a drain, growing for good).
 * The letters queued again for a resend (3 here) are counted from the outbox they are in, not by reading every SENT
 * message with nothing due to probe the outbox for each (2.5 % of the receiver's CPU once the first read was fixed).
 */
class BacklogPlanTest {
    private static final int RECEIPTS_SENT = 2_000;
    private static final int AWAITING = 10;
    /** Letters SENT and queued again for a resend: in the outbox, their Receipt due cleared. */
    private static final int RESENT = 3;
    private Database database;

    @BeforeEach
    void nodeWithManyReceiptsSentAndAFewLettersAwaitingTheirs() {
        String url = "jdbc:h2:file:./target/backlog-plan/" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";
        database = new Database(InstanceClaims.databaseConfig(DatabaseConfig.Kind.h2, url, null, null),
                InstanceClaims.config(NodeConfig.class, Map.of("dataDir", Path.of("target"))));
        OffsetDateTime now = OffsetDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneOffset.UTC);
        new Jdbc(database.dataSource()).inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into exn_message (message_id, direction, "
                    + "message_type, conversation_id, from_node, to_node, peer_node, status, created_at, stored_at, "
                    + "updated_at, signature_algorithm, content_digest, content, receipt_due_at) "
                    + "values (?, 'OUTBOUND', ?, ?, '440300', '320100', '320100', 'SENT', ?, ?, ?, 'SM2', 'd', ?, ?)")) {
                for (int i = 0; i < RECEIPTS_SENT + AWAITING + RESENT; i++) {
                    boolean letter = i >= RECEIPTS_SENT;
                    boolean resent = i >= RECEIPTS_SENT + AWAITING;
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, letter ? "ContactLetter" : "Receipt");
                    s.setString(3, UUID.randomUUID().toString());
                    s.setObject(4, now);
                    s.setObject(5, now.plusSeconds(i));
                    s.setObject(6, now);
                    s.setBytes(7, new byte[]{'<', '/', '>'});
                    s.setObject(8, letter && !resent ? now.plusHours(1) : null);
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("insert into exn_outbox (message_id, destination, "
                    + "next_attempt_at, created_at) select message_id, 'node.320100.inbox', ?, ? from exn_message "
                    + "where message_type = 'ContactLetter' and receipt_due_at is null")) {
                s.setObject(1, now.plusHours(2));
                s.setObject(2, now.plusHours(2));
                s.executeUpdate();
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldCountOnlyTheLettersAwaitingAReceiptFromTheIndexThatHoldsEveryColumnTheCountReads() {
        Jdbc jdbc = new Jdbc(database.dataSource());
        List<String> plan = jdbc.query("explain analyze " + JdbcBacklogs.AWAITING_RECEIPT, s -> {
            s.setString(1, MessageStatus.SENT.name());
            s.setObject(2, JdbcBacklogs.ANY_DUE);
            s.setString(3, Direction.OUTBOUND.name());
        }, rs -> rs.getString(1));
        String text = String.join("\n", plan);
        assertThat(text).contains("/* PUBLIC.EXN_MESSAGE_PEER_STATUS: DIRECTION = ?3").contains("STATUS = ?1")
                .contains("RECEIPT_DUE_AT > ?2").doesNotContain("tableScan");
        assertThat(scanCount(text)).as("index entries read for %d letters awaiting a Receipt beside %d Receipts sent",
                AWAITING, RECEIPTS_SENT).isLessThanOrEqualTo(AWAITING + 1);
        // and the count is right: the letters, not the Receipts
        List<Long> counted = jdbc.query(JdbcBacklogs.AWAITING_RECEIPT, s -> {
            s.setString(1, MessageStatus.SENT.name());
            s.setObject(2, JdbcBacklogs.ANY_DUE);
            s.setString(3, Direction.OUTBOUND.name());
        }, rs -> rs.getLong(2));
        assertThat(counted).containsExactly((long) AWAITING);
    }

    @Test
    void shouldCountTheOutboxAndItsResendsFromTheOutboxNotFromEverySentMessage() {
        List<String> plan = new Jdbc(database.dataSource()).query("explain analyze " + JdbcBacklogs.OUTBOX, s -> {
            s.setString(1, MessageStatus.SENT.name());
            s.setString(2, MessageStatus.SENT.name());
        }, rs -> rs.getString(1));
        String text = String.join("\n", plan);
        assertThat(text).contains("/* PUBLIC.EXN_OUTBOX.tableScan */");
        assertThat(scanCount(text)).as("rows read first for an outbox of %d beside %d Receipts sent", RESENT,
                RECEIPTS_SENT).isLessThanOrEqualTo(RESENT + 1);
    }

    @Test
    void shouldReadTheLettersAwaitingAReceiptAsThoseDueAndThoseQueuedForAResend() {
        Backlogs.Peer peer = new JdbcBacklogs(database).read(false).outbound().get("320100");
        assertThat(peer.unsent().count()).isEqualTo(RESENT);
        assertThat(peer.unreceipted().count()).as("due and queued again, not the Receipts").isEqualTo(AWAITING + RESENT);
        assertThat(peer.unreceipted().oldest()).isEqualTo(Instant.parse("2026-12-03T09:00:00Z").plusSeconds(RECEIPTS_SENT));
        assertThat(peer.failed()).isZero();
    }

    /** The first {@code scanCount: n} of an H2 {@code explain analyze}. */
    static int scanCount(String plan) {
        int at = plan.indexOf("scanCount: ");
        assertThat(at).as("explain analyze prints a scan count").isNotNegative();
        int from = at + "scanCount: ".length();
        int to = from;
        while (to < plan.length() && Character.isDigit(plan.charAt(to))) {
            to++;
        }
        return Integer.parseInt(plan.substring(from, to));
    }
}
