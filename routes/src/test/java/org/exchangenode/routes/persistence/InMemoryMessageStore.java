package org.exchangenode.routes.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * {@link MessageStore} in memory, for route tests that need no database: one lock plays the transaction, and a write
 * is checked whole before anything changes, so a refused write (a second open case for a person) leaves nothing.
 * It keeps the outbox, the send attempts, the quarantine and the audit entries a JDBC store would write, readable by
 * the test; cases and steps, the pull inbox and the webhook queue go to their in-memory stores. TEST ONLY.
 */
public final class InMemoryMessageStore implements MessageStore {
    private final Object lock = new Object();
    private final InMemoryCaseStore cases;
    private final InMemoryInboxStore inbox;
    private final InMemoryWebhookStore webhooks;
    private final Map<String, Row> messages = new LinkedHashMap<>();
    private final Map<String, Outbox> outbox = new LinkedHashMap<>();
    private final Map<String, List<SendAttempt>> attempts = new TreeMap<>();
    private final Map<String, QuarantineRecord> quarantine = new LinkedHashMap<>();
    private final Map<String, byte[]> quarantined = new LinkedHashMap<>();
    private final List<MessageWrite.FileDrop> fileDrops = new ArrayList<>();
    private final List<MessageWrite.Ping> pings = new ArrayList<>();
    private final List<AuditLog.Event> audit = new ArrayList<>();

    /** @param webhooks where a received business message is queued for the local system; null when none is notified */
    public InMemoryMessageStore(InMemoryCaseStore cases, InMemoryInboxStore inbox, InMemoryWebhookStore webhooks) {
        this.cases = cases;
        this.inbox = inbox;
        this.webhooks = webhooks;
    }

    private static final class Row {
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

    private record Outbox(String destination, int attempts, int refusals, Instant nextAttempt) {
    }

    private static OffsetDateTime time(Instant instant) {
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
        if (write.fileDrop() != null && fileDrops.stream().anyMatch(d -> d.digest().equals(write.fileDrop().digest()))) {
            throw new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "database: drop file already recorded");
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
            fileDrops.add(write.fileDrop());
        }
        if (write.ping() != null) {
            pings.add(write.ping());
        }
    }

    private Row insert(NewMessage message) {
        Row row = new Row();
        row.message = message;
        row.status = message.status();
        row.storedAt = time(Instant.now());
        row.updatedAt = row.storedAt;
        messages.put(message.header().messageId(), row);
        return row;
    }

    private void insertQueued(NewMessage message, String destination) {
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
        synchronized (lock) {
            quarantine.put(record.quarantineId(), record);
            quarantined.put(record.quarantineId(), content);
            audit.add(AuditLog.Event.byNode(AuditKind.QUARANTINED, record.messageId(), "quarantine "
                    + record.quarantineId() + " " + record.errorCode(), content));
            if (error != null) {
                insertQueued(error, errorDestination);
                audit.add(MessageAudit.event(error, null));
            }
        }
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
    public List<OutboxEntry> dueOutbox(Instant now, int limit) {
        synchronized (lock) {
            return outbox.entrySet().stream().filter(e -> !e.getValue().nextAttempt().isAfter(now)).limit(limit)
                    .map(e -> {
                        Row row = messages.get(e.getKey());
                        return new OutboxEntry(e.getKey(), row.message.header().type().wireName(),
                                row.message.header().from(), e.getValue().destination(), e.getValue().attempts(),
                                row.sendCount, e.getValue().refusals(), row.message.content());
                    }).toList();
        }
    }

    @Override
    public void markSent(List<SentMessage> sent, Instant sentAt) {
        synchronized (lock) {
            for (SentMessage message : sent) {
                Row row = messages.get(message.messageId());
                row.sentAt = time(sentAt);
                row.updatedAt = time(sentAt);
                row.sendCount = message.send();
                boolean watched = row.status == MessageStatus.STORED || row.status == MessageStatus.SENT;
                row.receiptDueAt = watched ? message.receiptDueAt() : null;
                row.status = row.status == MessageStatus.STORED ? MessageStatus.SENT : row.status;
                outbox.remove(message.messageId());
                attempt(message.messageId(), message.send(), "SENT", sentAt, null);
            }
        }
    }

    private void attempt(String messageId, int attempt, String outcome, Instant at, String detail) {
        attempts.computeIfAbsent(messageId, id -> new ArrayList<>()).add(new SendAttempt(attempt, outcome, time(at),
                detail));
    }

    @Override
    public void deferOutbox(List<String> messageIds, String error, Instant nextAttempt) {
        synchronized (lock) {
            for (String id : messageIds) {
                Outbox entry = outbox.get(id);
                if (entry == null) {
                    continue;
                }
                if (entry.attempts() == 0) {
                    attempt(id, messages.get(id).sendCount + 1, "BROKER_UNAVAILABLE", Instant.now(), error);
                }
                outbox.put(id, new Outbox(entry.destination(), entry.attempts() + 1, entry.refusals(), nextAttempt));
            }
        }
    }

    @Override
    public void refuseOutbox(String messageId, int refusal, String reason, Instant nextAttempt, Instant now) {
        synchronized (lock) {
            Row row = messages.get(messageId);
            String detail = "refusal " + refusal + ": " + reason;
            attempt(messageId, row.sendCount + 1, nextAttempt == null ? MessageStatus.FAILED.name()
                    : ErrorCode.BROKER_REFUSED.name(), now, detail);
            Outbox entry = outbox.get(messageId);
            if (nextAttempt != null) {
                outbox.put(messageId, new Outbox(entry.destination(), entry.attempts(), refusal, nextAttempt));
                return;
            }
            outbox.remove(messageId);
            if (row.status == MessageStatus.STORED || row.status == MessageStatus.SENT) {
                fail(row, ErrorCode.BROKER_REFUSED, "the broker refused it " + refusal + " times: " + reason, now);
                audit.add(AuditLog.Event.byNode(AuditKind.DELIVERY_FAILED, messageId,
                        ErrorCode.BROKER_REFUSED.name() + " after " + refusal + " refusals: " + reason, null));
            }
        }
    }

    private static void fail(Row row, ErrorCode code, String reason, Instant now) {
        row.status = MessageStatus.FAILED;
        row.errorCode = code.name();
        row.errorReason = reason;
        row.receiptDueAt = null;
        row.updatedAt = time(now);
    }

    @Override
    public List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        synchronized (lock) {
            return messages.values().stream()
                    .filter(r -> r.status == MessageStatus.SENT && r.receiptDueAt != null && !r.receiptDueAt.isAfter(now))
                    .sorted(Comparator.comparing((Row r) -> r.receiptDueAt)).limit(limit)
                    .map(r -> new OverdueMessage(r.message.header().messageId(), r.message.header().type().wireName(),
                            r.message.header().to(), r.sendCount)).toList();
        }
    }

    /** Still SENT, watched and at the same send: the guard the JDBC store's update has. */
    private Row overdue(OverdueMessage message) {
        Row row = messages.get(message.messageId());
        return row != null && row.status == MessageStatus.SENT && row.receiptDueAt != null
                && row.sendCount == message.sendCount() ? row : null;
    }

    @Override
    public boolean resend(OverdueMessage message, String destination, Instant now) {
        synchronized (lock) {
            Row row = overdue(message);
            if (row == null || outbox.containsKey(message.messageId())) {
                return false;
            }
            row.receiptDueAt = null;
            row.updatedAt = time(now);
            outbox.put(message.messageId(), new Outbox(destination, 0, 0, now));
            attempt(message.messageId(), message.sendCount(), "RECEIPT_TIMEOUT", now, null);
            audit.add(AuditLog.Event.byNode(AuditKind.MESSAGE_RESENT, message.messageId(), "no Receipt after send "
                    + message.sendCount() + "; queued again to " + message.to(), null));
            return true;
        }
    }

    @Override
    public boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        synchronized (lock) {
            Row row = overdue(message);
            if (row == null) {
                return false;
            }
            fail(row, ErrorCode.RECEIPT_TIMEOUT, reason, now);
            attempt(message.messageId(), message.sendCount(), "FAILED", now, reason);
            audit.add(AuditLog.Event.byNode(AuditKind.DELIVERY_FAILED, message.messageId(), reason, null));
            return true;
        }
    }

    @Override
    public List<SendAttempt> attempts(String messageId) {
        synchronized (lock) {
            return List.copyOf(attempts.getOrDefault(messageId, List.of()));
        }
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        synchronized (lock) {
            return Optional.ofNullable(messages.get(messageId)).map(Row::stored);
        }
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        synchronized (lock) {
            return Optional.ofNullable(messages.get(messageId)).map(r -> r.message.content());
        }
    }

    @Override
    public List<StoredMessage> list(MessageFilter f) {
        synchronized (lock) {
            return messages.values().stream().map(Row::stored)
                    .filter(m -> f.direction() == null || m.direction() == f.direction())
                    .filter(m -> f.type() == null || m.type().equals(f.type()))
                    .filter(m -> f.status() == null || m.status() == f.status())
                    .filter(m -> f.peer() == null || m.peer().equals(f.peer()))
                    .filter(m -> f.conversationId() == null || f.conversationId().equals(m.conversationId()))
                    .filter(m -> f.errorCode() == null || f.errorCode().equals(m.errorCode()))
                    .filter(m -> f.from() == null || !m.storedAt().toInstant().isBefore(f.from()))
                    .filter(m -> f.to() == null || m.storedAt().toInstant().isBefore(f.to()))
                    .sorted(Comparator.comparing(StoredMessage::storedAt).reversed())
                    .skip((long) f.page() * f.size()).limit(f.size()).toList();
        }
    }

    @Override
    public List<QuarantineRecord> quarantined(QuarantineFilter f) {
        synchronized (lock) {
            return quarantine.values().stream()
                    .filter(q -> f.messageId() == null || f.messageId().equals(q.messageId()))
                    .filter(q -> f.peer() == null || f.peer().equals(q.claimedSender()))
                    .filter(q -> f.type() == null || f.type().equals(q.type()))
                    .filter(q -> f.errorCode() == null || f.errorCode().equals(q.errorCode()))
                    .filter(q -> !f.unresolvedOnly() || q.resolution() == null)
                    .skip((long) f.page() * f.size()).limit(f.size()).toList();
        }
    }

    @Override
    public Optional<QuarantineRecord> findQuarantined(String quarantineId) {
        synchronized (lock) {
            return Optional.ofNullable(quarantine.get(quarantineId));
        }
    }

    @Override
    public Optional<byte[]> quarantinedContent(String quarantineId) {
        synchronized (lock) {
            return Optional.ofNullable(quarantined.get(quarantineId));
        }
    }

    @Override
    public boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
        synchronized (lock) {
            Row row = messages.get(messageId);
            if (row == null || row.message.direction() != Direction.OUTBOUND || row.status != MessageStatus.FAILED) {
                return false;
            }
            row.status = MessageStatus.STORED;
            row.errorCode = null;
            row.errorReason = null;
            row.receiptDueAt = null;
            row.updatedAt = time(now);
            outbox.put(messageId, new Outbox(destination, 0, 0, now));
            attempt(messageId, row.sendCount, "REPLAYED", now, "by " + actor + ": " + reason);
            audit.add(new AuditLog.Event(AuditKind.OPERATOR_ACTION, messageId, actor, "replay of FAILED message "
                    + messageId + " to " + destination + ": " + reason, null));
            return true;
        }
    }

    @Override
    public boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now) {
        synchronized (lock) {
            QuarantineRecord q = quarantine.get(quarantineId);
            if (q == null || q.resolution() != null) {
                return false;
            }
            quarantine.put(quarantineId, new QuarantineRecord(q.quarantineId(), q.messageId(), q.claimedSender(),
                    q.type(), q.errorCode(), q.reason(), q.receivedAt(), q.errorMessageId(), q.unanswered(),
                    q.contentSize(), q.contentSm3(), new QuarantineRecord.Resolution(time(now), actor, resolution)));
            audit.add(new AuditLog.Event(AuditKind.OPERATOR_ACTION, null, actor, "quarantine " + quarantineId
                    + " resolved: " + resolution, null));
            return true;
        }
    }

    @Override
    public Counts counts() {
        synchronized (lock) {
            Map<String, Long> byStatus = new TreeMap<>();
            long duplicates = 0;
            long receipts = 0;
            for (Row row : messages.values()) {
                MessageType type = row.message.header().type();
                if (type == MessageType.RECEIPT || type == MessageType.ERROR) {
                    continue;
                }
                byStatus.merge(row.message.direction() + "." + row.status, 1L, Long::sum);
                if (row.message.direction() == Direction.INBOUND) {
                    duplicates += row.deliveries - 1;
                    receipts += row.receiptsSent;
                }
            }
            long open = quarantine.values().stream().filter(q -> q.resolution() == null).count();
            return new Counts(byStatus, duplicates, receipts, open);
        }
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

    public List<AuditLog.Event> audit() {
        synchronized (lock) {
            return List.copyOf(audit);
        }
    }

    public List<MessageWrite.Ping> pings() {
        synchronized (lock) {
            return List.copyOf(pings);
        }
    }

    public List<MessageWrite.FileDrop> fileDrops() {
        synchronized (lock) {
            return List.copyOf(fileDrops);
        }
    }
}
