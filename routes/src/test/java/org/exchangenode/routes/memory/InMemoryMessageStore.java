package org.exchangenode.routes.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.MessageAudit;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.operations.QuarantineRecord;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OverdueMessage;
import org.exchangenode.routes.outbound.SentMessage;

/**
 * {@link MessageStore} in memory, for route tests that need no database: one lock plays the transaction, and a write
 * is checked whole before anything changes, so a refused write (a second open case for a person) leaves nothing.
 * It keeps the outbox, the send attempts, the quarantine and the audit entries a JDBC store would write, readable by
 * the test; cases and steps, the pull inbox and the webhook queue go to their in-memory stores. It hands no outbox
 * row to a relay: its rows wait unclaimed in the outbox, for a relay's poll. TEST ONLY.
 */
public final class InMemoryMessageStore implements MessageStore {
    final Object lock = new Object();
    private final InMemoryCaseStore cases;
    private final InMemoryPullInboxStore inbox;
    private final InMemoryWebhookStore webhooks;
    final Map<String, Row> messages = new LinkedHashMap<>();
    final Map<String, Outbox> outbox = new LinkedHashMap<>();
    final Map<String, List<SendAttempt>> attempts = new TreeMap<>();
    private final InMemoryPingStore pings;
    private final InMemoryFileDropStore fileDrops;
    private final InMemoryRelay relay;
    private final InMemoryQuarantine quarantine;
    private final InMemoryMessageQueries queries;
    final List<AuditEvent> audit = new ArrayList<>();

    /** @param webhooks where a received business message is queued for the local system; null when none is notified */
    public InMemoryMessageStore(InMemoryCaseStore cases, InMemoryPullInboxStore inbox, InMemoryWebhookStore webhooks,
                                InMemoryPingStore pings, InMemoryFileDropStore fileDrops) {
        this.cases = cases;
        this.inbox = inbox;
        this.webhooks = webhooks;
        this.pings = pings;
        this.fileDrops = fileDrops;
        this.relay = new InMemoryRelay(this);
        this.quarantine = new InMemoryQuarantine(this);
        this.queries = new InMemoryMessageQueries(this, quarantine);
    }

    static final class Row {
        NewMessage message;
        MessageStatus status;
        OffsetDateTime storedAt;
        OffsetDateTime sentAt;
        OffsetDateTime deliveredAt;
        OffsetDateTime updatedAt;
        int deliveries = 1;
        int receiptsSent;
        String receiptMessageId;
        String errorCode;
        String errorReason;
        int sendCount;
        Instant receiptDueAt;

        StoredMessage stored() {
            var h = message.header();
            return new StoredMessage(h.messageId(), message.direction(), h.type().wireName(), h.conversationId(),
                    h.refToMessageId(), h.from(), h.to(), message.peer(), status, time(h.createdAt()), storedAt,
                    sentAt, deliveredAt, updatedAt, message.signatureAlgorithm(), message.contentDigest(), deliveries,
                    receiptsSent, receiptMessageId, errorCode, errorReason, sendCount, time(receiptDueAt));
        }
    }

    record Outbox(String destination, int attempts, int refusals, Instant nextAttempt) {
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void storeOutbound(MessageWrite write) {
        synchronized (lock) {
            unknown(write.message().header().messageId());
            check(write);
            insertQueued(write.message(), write.destination());
            alsoWritten(write);
            audit.addAll(write.audit());
        }
    }

    @Override
    public boolean storeInbound(MessageWrite write) {
        synchronized (lock) {
            if (messages.containsKey(write.message().header().messageId())) {
                return false;
            }
            unknown(write.queued().header().messageId());
            check(write);
            insert(write.message()).receiptsSent = 1;
            insertQueued(write.queued(), write.destination());
            alsoWritten(write);
            if (write.entersPullInbox()) {
                inbox.enter(write.message(), Instant.now());
                if (webhooks != null) {
                    webhooks.queue(write.message(), Instant.now());
                }
            }
            audit.addAll(write.audit());
            return true;
        }
    }

    /** What the database's constraints would refuse, before anything changes. */
    private void check(MessageWrite write) {
        if (write.caseChange() != null) {
            cases.check(write.caseChange());
        }
        if (write.fileDrop() != null) {
            fileDrops.check(write.fileDrop());
        }
        if (write.reminded() != null) {
            cases.check(write.reminded());
        }
    }

    private void unknown(String messageId) {
        if (messages.containsKey(messageId)) {
            throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "database: message id already stored");
        }
    }

    private void alsoWritten(MessageWrite write) {
        if (write.caseChange() != null) {
            cases.apply(write.caseChange(), write.message());
        }
        if (write.fileDrop() != null) {
            fileDrops.record(write.fileDrop());
        }
        if (write.ping() != null) {
            pings.sent(write.ping());
        }
        if (write.reminded() != null) {
            cases.record(write.reminded());
        }
    }

    Row insert(NewMessage message) {
        Row row = new Row();
        row.message = message;
        row.status = message.status();
        row.storedAt = time(Instant.now());
        row.updatedAt = row.storedAt;
        messages.put(message.header().messageId(), row);
        return row;
    }

    void insertQueued(NewMessage message, String destination) {
        insert(message);
        outbox.put(message.header().messageId(), new Outbox(destination, 0, 0, Instant.now()));
    }

    @Override
    public void recordDuplicate(String messageId, NewMessage receipt, String receiptDestination) {
        synchronized (lock) {
            Row row = messages.get(messageId);
            if (row == null) {
                throw new ExchangeException(ErrorCode.INTERNAL, "duplicate of unknown message " + messageId);
            }
            row.deliveries++;
            row.receiptsSent++;
            insertQueued(receipt, receiptDestination);
            audit.add(MessageAudit.event(receipt, "again, for a repeated delivery of " + messageId));
        }
    }

    @Override
    public void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination) {
        quarantine.quarantine(record, content, error, errorDestination);
    }

    @Override
    public boolean recordReceipt(NewMessage receipt, String deliveredMessageId, Instant deliveredAt) {
        return answer(receipt, deliveredMessageId, row -> {
            row.status = MessageStatus.DELIVERED;
            row.deliveredAt = time(deliveredAt);
            row.receiptMessageId = receipt.header().messageId();
        });
    }

    @Override
    public boolean recordError(NewMessage error, String refusedMessageId, String code, String reason) {
        return answer(error, refusedMessageId, row -> {
            row.status = MessageStatus.REJECTED;
            row.errorCode = code;
            row.errorReason = reason;
        });
    }

    private boolean answer(NewMessage answer, String answeredId, java.util.function.Consumer<Row> change) {
        synchronized (lock) {
            if (messages.containsKey(answer.header().messageId())) {
                return false;
            }
            insert(answer);
            Row answered = messages.get(answeredId);
            if (answered != null && answered.message.direction() == Direction.OUTBOUND
                    && answered.status != MessageStatus.DELIVERED) {
                change.accept(answered);
                answered.receiptDueAt = null;
                answered.updatedAt = time(Instant.now());
            }
            audit.add(MessageAudit.event(answer, null));
            return true;
        }
    }

    @Override
    public List<OutboxEntry> claimOutbox(Claim claim, Instant now, int limit) {
        return relay.claimOutbox(claim, now, limit);
    }

    @Override
    public void markSent(Claim claim, List<SentMessage> sent, Instant sentAt) {
        relay.markSent(claim, sent, sentAt);
    }

    @Override
    public void deferOutbox(Claim claim, List<String> messageIds, String error, Instant nextAttempt) {
        relay.deferOutbox(claim, messageIds, error, nextAttempt);
    }

    @Override
    public void refuseOutbox(Claim claim, String messageId, int refusal, String reason, Instant nextAttempt,
                             Instant now) {
        relay.refuseOutbox(claim, messageId, refusal, reason, nextAttempt, now);
    }

    @Override
    public List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        return relay.overdueReceipts(now, limit);
    }

    @Override
    public boolean resend(OverdueMessage message, String destination, Instant now) {
        return relay.resend(message, destination, now);
    }

    @Override
    public boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        return relay.failUndelivered(message, reason, now);
    }

    @Override
    public List<SendAttempt> attempts(String messageId) {
        return relay.attempts(messageId);
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
    public List<StoredMessage> list(MessageFilter f) {
        return queries.list(f);
    }

    @Override
    public List<QuarantineRecord> quarantined(QuarantineFilter f) {
        return quarantine.quarantined(f);
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
    public boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
        return relay.replay(messageId, destination, actor, reason, now);
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
    }

    /** The destination of a message waiting in the outbox, if it waits there. */
    public Optional<String> queuedTo(String messageId) {
        synchronized (lock) {
            return Optional.ofNullable(outbox.get(messageId)).map(Outbox::destination);
        }
    }

    public List<AuditEvent> audit() {
        synchronized (lock) {
            return List.copyOf(audit);
        }
    }
}
