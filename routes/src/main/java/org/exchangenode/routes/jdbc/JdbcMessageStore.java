package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.operations.QuarantineRecord;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OutboxHandover;
import org.exchangenode.routes.outbound.OverdueMessage;
import org.exchangenode.routes.outbound.SentMessage;

/**
 * {@link MessageStore} on JDBC; the same SQL runs on H2 and PostgreSQL. One class per concern behind it: storing
 * messages and their answers ({@link JdbcMessageWrites}), the outbox and relay ({@link JdbcOutbox}), the quarantine
 * ({@link JdbcQuarantine}) and the reads ({@link JdbcMessageQueries}).
 */
@Singleton
public class JdbcMessageStore implements MessageStore {
    private final JdbcMessageWrites writes;
    private final JdbcOutbox outbox;
    private final JdbcQuarantine quarantine;
    private final JdbcMessageQueries queries;
    private final OutboxHandover handover;

    public JdbcMessageStore(Database database, AuditLog audit, LocalSystemConfig localSystem, OutboxHandover handover,
                            MessageMetrics metrics) {
        Jdbc jdbc = new Jdbc(database.dataSource());
        this.handover = handover;
        this.writes = new JdbcMessageWrites(jdbc, audit, localSystem.webhook().url().isPresent(), handover);
        this.outbox = new JdbcOutbox(jdbc, audit, database.kind() == DatabaseConfig.Kind.postgresql, metrics);
        this.quarantine = new JdbcQuarantine(jdbc, audit);
        this.queries = new JdbcMessageQueries(jdbc);
    }

    @Override
    public void storeOutbound(MessageWrite write) {
        writes.storeOutbound(write);
    }

    @Override
    public boolean storeInbound(MessageWrite write) {
        return writes.storeInbound(write);
    }

    @Override
    public void recordDuplicate(String messageId, NewMessage receipt, String receiptDestination) {
        writes.recordDuplicate(messageId, receipt, receiptDestination);
    }

    @Override
    public boolean recordReceipt(NewMessage receipt, String deliveredMessageId, Instant deliveredAt) {
        return writes.recordReceipt(receipt, deliveredMessageId, deliveredAt);
    }

    @Override
    public boolean recordError(NewMessage error, String refusedMessageId, String code, String reason) {
        return writes.recordError(error, refusedMessageId, code, reason);
    }

    @Override
    public void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination) {
        quarantine.quarantine(record, content, error, errorDestination);
        if (error != null) {
            GroupCommit.afterCommit(handover::requestPoll);
        }
    }

    @Override
    public List<OutboxEntry> claimOutbox(Claim claim, Instant now, int limit) {
        return outbox.claimOutbox(claim, now, limit);
    }

    @Override
    public void markSent(Claim claim, List<SentMessage> sent, Instant sentAt) {
        outbox.markSent(claim, sent, sentAt);
    }

    @Override
    public void deferOutbox(Claim claim, List<String> messageIds, String error, Instant nextAttempt) {
        outbox.deferOutbox(claim, messageIds, error, nextAttempt);
    }

    @Override
    public void refuseOutbox(Claim claim, String messageId, int refusal, String reason, Instant nextAttempt,
                             Instant now) {
        outbox.refuseOutbox(claim, messageId, refusal, reason, nextAttempt, now);
    }

    @Override
    public List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        return outbox.overdueReceipts(now, limit);
    }

    @Override
    public boolean resend(OverdueMessage message, String destination, Instant now) {
        return polled(outbox.resend(message, destination, now));
    }

    @Override
    public boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        return outbox.failUndelivered(message, reason, now);
    }

    @Override
    public List<SendAttempt> attempts(String messageId) {
        return outbox.attempts(messageId);
    }

    @Override
    public boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
        return polled(outbox.replay(messageId, destination, actor, reason, now));
    }

    /**
     * After a write that queued an outbox row without handing it over, when it did, asks the relay to poll (once the
     * row is committed: a poll before would not see it).
     */
    private boolean polled(boolean queued) {
        if (queued) {
            GroupCommit.afterCommit(handover::requestPoll);
        }
        return queued;
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        return queries.find(messageId);
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        return queries.content(messageId);
    }

    @Override
    public List<StoredMessage> list(MessageFilter filter) {
        return queries.list(filter);
    }

    @Override
    public List<QuarantineRecord> quarantined(QuarantineFilter filter) {
        return quarantine.quarantined(filter);
    }

    @Override
    public Optional<QuarantineRecord> findQuarantined(String quarantineId) {
        return quarantine.findQuarantined(quarantineId);
    }

    @Override
    public Optional<byte[]> quarantinedContent(String quarantineId) {
        return quarantine.quarantinedContent(quarantineId);
    }

    @Override
    public boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now) {
        return quarantine.resolveQuarantine(quarantineId, actor, resolution, now);
    }

    @Override
    public Counts counts() {
        return queries.counts();
    }

    @Override
    public void ping() {
        queries.ping();
    }
}
