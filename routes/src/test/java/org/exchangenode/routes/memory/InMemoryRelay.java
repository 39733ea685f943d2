package org.exchangenode.routes.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.outbound.OutboxEntry;
import org.exchangenode.routes.outbound.OverdueMessage;
import org.exchangenode.routes.outbound.SentMessage;
/** The outbox, sends, overdue Receipts, resend and replay of {@link InMemoryMessageStore}. TEST ONLY. */
final class InMemoryRelay {
    private final Object lock;
    private final Map<String, InMemoryMessageStore.Row> messages;
    private final Map<String, InMemoryMessageStore.Outbox> outbox;
    private final Map<String, List<SendAttempt>> attempts;
    private final List<AuditEvent> audit;
    /** The live claims on outbox rows, by message id: the claim columns of the JDBC store. */
    private final Map<String, Claim> claims = new HashMap<>();

    InMemoryRelay(InMemoryMessageStore store) {
        this.lock = store.lock;
        this.messages = store.messages;
        this.outbox = store.outbox;
        this.attempts = store.attempts;
        this.audit = store.audit;
    }

    /** Whether {@code claim} holds the row of {@code messageId}; the fencing the JDBC store's updates have. */
    private boolean holds(Claim claim, String messageId) {
        Claim held = claims.get(messageId);
        return held != null && held.token().equals(claim.token());
    }

    List<OutboxEntry> claimOutbox(Claim claim, Instant now, int limit) {
        synchronized (lock) {
            List<OutboxEntry> claimed = outbox.entrySet().stream().filter(e -> !e.getValue().nextAttempt().isAfter(now))
                    .filter(e -> claims.get(e.getKey()) == null || !claims.get(e.getKey()).holdsAt(now)).limit(limit)
                    .map(e -> {
                        InMemoryMessageStore.Row row = messages.get(e.getKey());
                        return new OutboxEntry(e.getKey(), row.message.header().type().wireName(),
                                row.message.header().from(), e.getValue().destination(), e.getValue().attempts(),
                                row.sendCount, e.getValue().refusals(), row.message.content());
                    }).toList();
            claimed.forEach(e -> claims.put(e.messageId(), claim));
            return claimed;
        }
    }

    void markSent(Claim claim, List<SentMessage> sent, Instant sentAt) {
        synchronized (lock) {
            for (SentMessage message : sent) {
                if (!holds(claim, message.messageId())) {
                    continue;
                }
                claims.remove(message.messageId());
                InMemoryMessageStore.Row row = messages.get(message.messageId());
                row.sentAt = InMemoryMessageStore.time(sentAt);
                row.updatedAt = InMemoryMessageStore.time(sentAt);
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
        attempts.computeIfAbsent(messageId, id -> new ArrayList<>()).add(new SendAttempt(attempt, outcome, InMemoryMessageStore.time(at),
                detail));
    }

    void deferOutbox(Claim claim, List<String> messageIds, String error, Instant nextAttempt) {
        synchronized (lock) {
            for (String id : messageIds) {
                InMemoryMessageStore.Outbox entry = outbox.get(id);
                if (entry == null || !holds(claim, id)) {
                    continue;
                }
                claims.remove(id);
                if (entry.attempts() == 0) {
                    attempt(id, messages.get(id).sendCount + 1, "BROKER_UNAVAILABLE", Instant.now(), error);
                }
                outbox.put(id, new InMemoryMessageStore.Outbox(entry.destination(), entry.attempts() + 1, entry.refusals(), nextAttempt));
            }
        }
    }

    void refuseOutbox(Claim claim, String messageId, int refusal, String reason, Instant nextAttempt, Instant now) {
        synchronized (lock) {
            if (!holds(claim, messageId)) {
                return;
            }
            claims.remove(messageId);
            InMemoryMessageStore.Row row = messages.get(messageId);
            String detail = "refusal " + refusal + ": " + reason;
            attempt(messageId, row.sendCount + 1, nextAttempt == null ? MessageStatus.FAILED.name()
                    : ErrorCode.BROKER_REFUSED.name(), now, detail);
            InMemoryMessageStore.Outbox entry = outbox.get(messageId);
            if (nextAttempt != null) {
                outbox.put(messageId, new InMemoryMessageStore.Outbox(entry.destination(), entry.attempts(), refusal, nextAttempt));
                return;
            }
            outbox.remove(messageId);
            if (row.status == MessageStatus.STORED || row.status == MessageStatus.SENT) {
                fail(row, ErrorCode.BROKER_REFUSED, "the broker refused it " + refusal + " times: " + reason, now);
                audit.add(AuditEvent.byNode(AuditKind.DELIVERY_FAILED, messageId,
                        ErrorCode.BROKER_REFUSED.name() + " after " + refusal + " refusals: " + reason, null));
            }
        }
    }

    private static void fail(InMemoryMessageStore.Row row, ErrorCode code, String reason, Instant now) {
        row.status = MessageStatus.FAILED;
        row.errorCode = code.name();
        row.errorReason = reason;
        row.receiptDueAt = null;
        row.updatedAt = InMemoryMessageStore.time(now);
    }

    List<OverdueMessage> overdueReceipts(Instant now, int limit) {
        synchronized (lock) {
            return messages.values().stream()
                    .filter(r -> r.status == MessageStatus.SENT && r.receiptDueAt != null && !r.receiptDueAt.isAfter(now))
                    .sorted(Comparator.comparing((InMemoryMessageStore.Row r) -> r.receiptDueAt)).limit(limit)
                    .map(r -> new OverdueMessage(r.message.header().messageId(), r.message.header().type().wireName(),
                            r.message.header().to(), r.sendCount)).toList();
        }
    }

    /** Still SENT, watched and at the same send: the guard the JDBC store's update has. */
    private InMemoryMessageStore.Row overdue(OverdueMessage message) {
        InMemoryMessageStore.Row row = messages.get(message.messageId());
        return row != null && row.status == MessageStatus.SENT && row.receiptDueAt != null
                && row.sendCount == message.sendCount() ? row : null;
    }

    boolean resend(OverdueMessage message, String destination, Instant now) {
        synchronized (lock) {
            InMemoryMessageStore.Row row = overdue(message);
            if (row == null || outbox.containsKey(message.messageId())) {
                return false;
            }
            row.receiptDueAt = null;
            row.updatedAt = InMemoryMessageStore.time(now);
            outbox.put(message.messageId(), new InMemoryMessageStore.Outbox(destination, 0, 0, now));
            attempt(message.messageId(), message.sendCount(), "RECEIPT_TIMEOUT", now, null);
            audit.add(AuditEvent.byNode(AuditKind.MESSAGE_RESENT, message.messageId(), "no Receipt after send "
                    + message.sendCount() + "; queued again to " + message.to(), null));
            return true;
        }
    }

    boolean failUndelivered(OverdueMessage message, String reason, Instant now) {
        synchronized (lock) {
            InMemoryMessageStore.Row row = overdue(message);
            if (row == null) {
                return false;
            }
            fail(row, ErrorCode.RECEIPT_TIMEOUT, reason, now);
            attempt(message.messageId(), message.sendCount(), "FAILED", now, reason);
            audit.add(AuditEvent.byNode(AuditKind.DELIVERY_FAILED, message.messageId(), reason, null));
            return true;
        }
    }

    List<SendAttempt> attempts(String messageId) {
        synchronized (lock) {
            return List.copyOf(attempts.getOrDefault(messageId, List.of()));
        }
    }

    boolean replay(String messageId, String destination, String actor, String reason, Instant now) {
        synchronized (lock) {
            InMemoryMessageStore.Row row = messages.get(messageId);
            if (row == null || row.message.direction() != Direction.OUTBOUND || row.status != MessageStatus.FAILED) {
                return false;
            }
            row.status = MessageStatus.STORED;
            row.errorCode = null;
            row.errorReason = null;
            row.receiptDueAt = null;
            row.updatedAt = InMemoryMessageStore.time(now);
            outbox.put(messageId, new InMemoryMessageStore.Outbox(destination, 0, 0, now));
            attempt(messageId, row.sendCount, "REPLAYED", now, "by " + actor + ": " + reason);
            audit.add(new AuditEvent(AuditKind.OPERATOR_ACTION, messageId, actor, "replay of FAILED message "
                    + messageId + " to " + destination + ": " + reason, null));
            return true;
        }
    }
}
