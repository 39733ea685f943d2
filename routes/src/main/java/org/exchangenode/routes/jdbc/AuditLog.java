package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.routes.audit.ArchiveRecord;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.AuditHead;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.config.DatabaseConfig;

/**
 * The tamper-evident log in the node's database. Every append locks the one head row, so appends from several
 * consumers and from several node instances on one database are serialised into one chain; the store appends in the
 * same transaction as the rows the entry is about, so a message is never stored without its entry or the reverse.
 * The lock is taken last in each transaction and held only until its commit.
 */
@Singleton
public class AuditLog {
    private static final String ENTRY_COLUMNS = "sequence, entry_time, kind, message_id, actor, detail, "
            + "content_digest, previous_hash, entry_hash";
    private static final String ENTRY_COLUMNS_OF_A = "a." + ENTRY_COLUMNS.replace(", ", ", a.");
    /** Locks the head row for the transaction by an update that changes nothing (see {@link #lockHead}). */
    private static final String LOCK_HEAD = "update exn_audit_head set last_sequence = last_sequence where id = 1";
    private final Jdbc jdbc;
    private final boolean enabled;
    /** PostgreSQL locks and reads the head in one statement; H2 in two (see {@link #lockHead}). */
    private final boolean updateReturning;

    public AuditLog(Database database, AuditConfig config) {
        this.jdbc = new Jdbc(database.dataSource());
        this.enabled = config.enabled();
        this.updateReturning = database.kind() == DatabaseConfig.Kind.postgresql;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Appends in the caller's transaction; call it after the transaction's other writes. Inside a {@link GroupCommit}
     * the entries are appended when the group commits, all together after the group's other writes: the head is
     * locked once per group and last, as in any transaction, instead of from the group's first message on (which
     * would make every other writer wait for the whole group, and take the head before rows a later message locks).
     */
    void append(Connection c, List<AuditEvent> events) throws SQLException {
        if (!enabled || events.isEmpty()) {
            return;
        }
        GroupCommit.Group group = GroupCommit.joined(jdbc.dataSource());
        if (group != null) {
            group.appendBeforeCommit(this, events);
            return;
        }
        appendAlways(c, events);
    }

    /** The entries a group collected, appended in its transaction just before its commit. */
    void appendCollected(Connection c, List<AuditEvent> events) throws SQLException {
        appendAlways(c, events);
    }

    /**
     * Appends one entry even when the log is off: the start-up records of a run without the log (its configuration
     * and {@link AuditKind#AUDIT_DISABLED}), so that the chain shows where it stops.
     */
    public void recordWhileOff(AuditEvent event) {
        jdbc.inTransaction(c -> {
            appendAlways(c, List.of(event));
            return null;
        });
    }

    /**
     * The entry that began the current unlogged period — the first {@code AUDIT_DISABLED} after the last
     * {@code AUDIT_ENABLED} — if the log was switched off and not on again since (as far as the database holds).
     */
    public Optional<AuditEntry> offSince() {
        return jdbc.query("select " + ENTRY_COLUMNS + " from exn_audit_entry where kind = ? and sequence > "
                + "coalesce((select max(sequence) from exn_audit_entry where kind = ?), 0) order by sequence "
                + "fetch first 1 rows only", s -> {
                    s.setString(1, AuditKind.AUDIT_DISABLED.name());
                    s.setString(2, AuditKind.AUDIT_ENABLED.name());
                }, AuditLog::entry).stream().findFirst();
    }

    /** The chain's head, read under the lock that serialises appends. */
    private record Head(long sequence, String hash) {
    }

    /**
     * Locks the head row for this transaction and reads it. The lock is an update that changes nothing: H2 parses a
     * "select ... for update" again on every call (it keeps none in its statement cache: 1% of each node's CPU in the
     * benchmark's profile), an update it keeps. Both databases lock the row as "for update" did and wait for another
     * writer's commit. On PostgreSQL the update returns the row it locked, which after such a wait is that writer's
     * head (an update in read committed applies to, and returns, the newest version of the row): one statement
     * instead of two for every append, three of a letter's sixty statements. H2 reads the head with a second
     * statement after the lock: it does not re-read a row it waited for before updating it (InstanceClaimsTest saw
     * that), so only a read after the wait is sure to see the other writer's head there.
     */
    private Head lockHead(Connection c) throws SQLException {
        if (updateReturning) {
            try (PreparedStatement head = c.prepareStatement(LOCK_HEAD + " returning last_sequence, last_hash");
                 ResultSet rs = head.executeQuery()) {
                return read(rs);
            }
        }
        try (PreparedStatement update = c.prepareStatement(LOCK_HEAD)) {
            if (update.executeUpdate() != 1) {
                throw new ExchangeException(ErrorCode.INTERNAL, "the audit head row is missing");
            }
        }
        try (PreparedStatement head = c.prepareStatement(
                "select last_sequence, last_hash from exn_audit_head where id = 1");
             ResultSet rs = head.executeQuery()) {
            return read(rs);
        }
    }

    private static Head read(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            throw new ExchangeException(ErrorCode.INTERNAL, "the audit head row is missing");
        }
        return new Head(rs.getLong(1), rs.getString(2));
    }

    private void appendAlways(Connection c, List<AuditEvent> events) throws SQLException {
        Head locked = lockHead(c);
        long sequence = locked.sequence();
        String hash = locked.hash();
        Instant time = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (PreparedStatement insert = c.prepareStatement("insert into exn_audit_entry (" + ENTRY_COLUMNS
                + ", content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AuditEvent event : events) {
                String digest = event.contentSm3() != null ? event.contentSm3()
                        : event.content() == null ? null : AuditChain.sm3Hex(event.content());
                AuditEntry entry = AuditChain.nextWithDigest(sequence, hash, time, event.kind(), event.messageId(),
                        Jdbc.truncate(event.actor(), 100), Jdbc.truncate(event.detail(), 2000), digest);
                insert.setLong(1, entry.sequence());
                Jdbc.set(insert, 2, entry.time());
                insert.setString(3, entry.kind().name());
                insert.setString(4, entry.messageId());
                insert.setString(5, entry.actor());
                insert.setString(6, entry.detail());
                insert.setString(7, entry.contentDigest());
                insert.setString(8, entry.previousHash());
                insert.setString(9, entry.hash());
                // a stored message's content is read from exn_message on export (forEachEntry): not written twice
                insert.setBytes(10, event.contentInMessage() ? null : event.content());
                insert.addBatch();
                sequence = entry.sequence();
                hash = entry.hash();
            }
            insert.executeBatch();
        }
        try (PreparedStatement head = c.prepareStatement(
                "update exn_audit_head set last_sequence = ?, last_hash = ? where id = 1")) {
            head.setLong(1, sequence);
            head.setString(2, hash);
            head.executeUpdate();
        }
    }

    /** Appends one entry in a transaction of its own (operator actions, configuration changes). */
    public void record(AuditEvent event) {
        jdbc.inTransaction(c -> {
            append(c, List.of(event));
            return null;
        });
    }

    public AuditHead head() {
        return jdbc.query("select last_sequence, last_hash from exn_audit_head where id = 1", s -> { },
                rs -> new AuditHead(rs.getLong(1), rs.getString(2))).get(0);
    }

    /** The lowest sequence still in the database (archived entries are not), or empty when it holds none. */
    public Optional<Long> firstSequence() {
        return sequence("select min(sequence) from exn_audit_entry", s -> { });
    }

    /** The first sequence written at or after {@code time}. */
    public Optional<Long> firstSequenceFrom(Instant time) {
        return sequence("select min(sequence) from exn_audit_entry where entry_time >= ?", s -> Jdbc.set(s, 1, time));
    }

    /** The last sequence written before {@code time}. */
    public Optional<Long> lastSequenceBefore(Instant time) {
        return sequence("select max(sequence) from exn_audit_entry where entry_time < ?", s -> Jdbc.set(s, 1, time));
    }

    /** The one sequence number a min/max query answers, empty when it answers null (no rows). */
    private Optional<Long> sequence(String sql, Jdbc.Binder binder) {
        return jdbc.query(sql, binder, rs -> {
            long value = rs.getLong(1);
            return rs.wasNull() ? Optional.<Long>empty() : Optional.of(value);
        }).get(0);
    }

    /** Entries from {@code from} to {@code to} inclusive, in sequence order, at most {@code limit}. */
    public List<AuditEntry> entries(long from, long to, int limit) {
        return jdbc.query("select " + ENTRY_COLUMNS + " from exn_audit_entry where sequence between ? and ? "
                        + "order by sequence fetch first " + limit + " rows only",
                s -> {
                    s.setLong(1, from);
                    s.setLong(2, to);
                },
                AuditLog::entry);
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong(1), Jdbc.time(rs, "entry_time").toInstant(),
                AuditKind.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }

    /** Receives entries with their contents (null when an entry has none). */
    public interface EntryConsumer {
        void accept(AuditEntry entry, byte[] content);
    }

    /**
     * Every entry from {@code from} to {@code to} inclusive with its content, in sequence order, a page at a time. An
     * entry of a stored message holds only the digest of its content ({@link AuditEvent#contentInMessage()}): its
     * content is the message's, read here; whoever verifies the export checks it against the entry's digest.
     */
    public void forEachEntry(long from, long to, EntryConsumer consumer) {
        long next = from;
        while (next <= to) {
            long start = next;
            List<Object[]> page = jdbc.query("select " + ENTRY_COLUMNS_OF_A + ", coalesce(a.content, m.content) "
                            + "from exn_audit_entry a left join exn_message m on a.content is null "
                            + "and a.content_digest is not null and m.message_id = a.message_id "
                            + "where a.sequence between ? and ? order by a.sequence fetch first 200 rows only",
                    s -> {
                        s.setLong(1, start);
                        s.setLong(2, to);
                    },
                    rs -> new Object[] {entry(rs), rs.getBytes(10)});
            if (page.isEmpty()) {
                return;
            }
            for (Object[] row : page) {
                consumer.accept((AuditEntry) row[0], (byte[]) row[1]);
            }
            next = ((AuditEntry) page.get(page.size() - 1)[0]).sequence() + 1;
        }
    }

    public void saveCheckpoint(Checkpoint checkpoint) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into exn_audit_checkpoint (sequence, head_hash, "
                    + "signed_at, node_id, algorithm, signature, chain) values (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, checkpoint.sequence());
                s.setString(2, checkpoint.headHash());
                Jdbc.set(s, 3, checkpoint.time());
                s.setString(4, checkpoint.nodeId());
                s.setString(5, checkpoint.algorithm().name());
                s.setString(6, checkpoint.signature());
                s.setString(7, String.join(",", checkpoint.chainBase64()));
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Checkpoint> lastCheckpoint() {
        return jdbc.query("select sequence, head_hash, signed_at, node_id, algorithm, signature, chain "
                        + "from exn_audit_checkpoint order by sequence desc, signed_at desc fetch first 1 rows only",
                s -> { }, AuditLog::checkpoint).stream().findFirst();
    }

    /** The last {@code limit} checkpoints, newest first. */
    public List<Checkpoint> recentCheckpoints(int limit) {
        return jdbc.query("select sequence, head_hash, signed_at, node_id, algorithm, signature, chain "
                        + "from exn_audit_checkpoint order by sequence desc, signed_at desc fetch first " + limit
                        + " rows only", s -> { }, AuditLog::checkpoint);
    }

    /**
     * What people did, newest first: operator actions (replays, re-verifications, exports, approvals) and refused
     * logins among the last {@code window} entries (a bounded range of the primary key, never a scan of the log).
     */
    public List<AuditEntry> peopleActions(long window, int limit) {
        long last = head().sequence();
        return jdbc.query("select " + ENTRY_COLUMNS + " from exn_audit_entry where sequence > ? and kind in "
                        + "('OPERATOR_ACTION', 'REPLAY_REQUESTED', 'REPLAY_APPROVED', 'REPLAY_REJECTED', "
                        + "'LOGIN_FAILED', 'LOGIN_LOCKED', 'CONFIGURATION_CHANGE', 'AUDIT_DISABLED', 'AUDIT_ENABLED') "
                        + "order by sequence desc fetch first " + limit + " rows only",
                s -> s.setLong(1, Math.max(0, last - window)), AuditLog::entry);
    }

    /** Checkpoints covering entries {@code from}..{@code to}, oldest first. */
    public List<Checkpoint> checkpoints(long from, long to) {
        return jdbc.query("select sequence, head_hash, signed_at, node_id, algorithm, signature, chain "
                        + "from exn_audit_checkpoint where sequence between ? and ? order by sequence, signed_at",
                s -> {
                    s.setLong(1, from);
                    s.setLong(2, to);
                }, AuditLog::checkpoint);
    }

    /** Writes the archive file of entries first..last; returns its record. Called under the archive lock. */
    public interface ArchiveFileWriter {
        ArchiveRecord write(long firstSequence, long lastSequence);
    }

    /**
     * Moves entries up to {@code lastSequence} into an archive file: under the archive lock (one archiver at a time
     * across instances), {@code writer} seals the file, then its record is inserted and the entries deleted in one
     * transaction. Nothing is deleted unless the file was written.
     *
     * @return the record, or empty when there was nothing to archive
     */
    public Optional<ArchiveRecord> archive(long lastSequence, ArchiveFileWriter writer) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("select name from exn_audit_lock where name = 'archive' for update");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
            }
            long first;
            try (PreparedStatement min = c.prepareStatement("select min(sequence) from exn_audit_entry");
                 ResultSet rs = min.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
                if (rs.wasNull() || first > lastSequence) {
                    return Optional.<ArchiveRecord>empty();
                }
            }
            ArchiveRecord record = writer.write(first, lastSequence);
            try (PreparedStatement insert = c.prepareStatement("insert into exn_audit_archive (file_name, "
                    + "first_sequence, last_sequence, last_hash, file_sm3, sealed_at) values (?, ?, ?, ?, ?, ?)");
                 PreparedStatement delete = c.prepareStatement("delete from exn_audit_entry where sequence <= ?")) {
                insert.setString(1, record.fileName());
                insert.setLong(2, record.firstSequence());
                insert.setLong(3, record.lastSequence());
                insert.setString(4, record.lastHash());
                insert.setString(5, record.fileSm3());
                Jdbc.set(insert, 6, record.sealedAt());
                insert.executeUpdate();
                delete.setLong(1, lastSequence);
                delete.executeUpdate();
            }
            return Optional.of(record);
        });
    }

    public List<ArchiveRecord> archives() {
        return jdbc.query("select file_name, first_sequence, last_sequence, last_hash, file_sm3, sealed_at "
                        + "from exn_audit_archive order by first_sequence", s -> { },
                rs -> new ArchiveRecord(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), Jdbc.time(rs, "sealed_at").toInstant()));
    }

    /** The content digest of the newest entry of a kind still in the database. */
    public Optional<String> lastDigestOf(AuditKind kind) {
        return jdbc.query("select content_digest from exn_audit_entry where kind = ? order by sequence desc "
                + "fetch first 1 rows only", s -> s.setString(1, kind.name()), rs -> rs.getString(1)).stream().findFirst();
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        List<X509Certificate> chain = Checkpoint.chainFromBase64(Arrays.asList(rs.getString(7).split(",")));
        return new Checkpoint(rs.getString(4), rs.getLong(1), rs.getString(2), Jdbc.time(rs, "signed_at").toInstant(),
                SignatureAlgorithms.valueOf(rs.getString(5)), rs.getString(6), chain);
    }
}
