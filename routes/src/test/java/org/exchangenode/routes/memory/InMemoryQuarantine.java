package org.exchangenode.routes.memory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.MessageAudit;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.NewMessage;
import org.exchangenode.routes.operations.QuarantineRecord;
/** Refused documents of {@link InMemoryMessageStore}, the Errors that answer them, their resolution. TEST ONLY. */
final class InMemoryQuarantine {
    private final InMemoryMessageStore store;
    private final Map<String, QuarantineRecord> quarantine = new LinkedHashMap<>();
    private final Map<String, byte[]> quarantined = new LinkedHashMap<>();

    InMemoryQuarantine(InMemoryMessageStore store) {
        this.store = store;
    }

    void quarantine(QuarantineRecord record, byte[] content, NewMessage error, String errorDestination) {
        synchronized (store.lock) {
            quarantine.put(record.quarantineId(), record);
            quarantined.put(record.quarantineId(), content);
            store.audit.add(AuditEvent.byNode(AuditKind.QUARANTINED, record.messageId(), "quarantine "
                    + record.quarantineId() + " " + record.errorCode(), content));
            if (error != null) {
                store.insertQueued(error, errorDestination);
                store.audit.add(MessageAudit.event(error, null));
            }
        }
    }

    List<QuarantineRecord> quarantined(MessageStore.QuarantineFilter f) {
        synchronized (store.lock) {
            return quarantine.values().stream()
                    .filter(q -> f.messageId() == null || f.messageId().equals(q.messageId()))
                    .filter(q -> f.peer() == null || f.peer().equals(q.claimedSender()))
                    .filter(q -> f.type() == null || f.type().equals(q.type()))
                    .filter(q -> f.errorCode() == null || f.errorCode().equals(q.errorCode()))
                    .filter(q -> !f.unresolvedOnly() || q.resolution() == null)
                    .skip((long) f.page() * f.size()).limit(f.size()).toList();
        }
    }

    Optional<QuarantineRecord> findQuarantined(String quarantineId) {
        synchronized (store.lock) {
            return Optional.ofNullable(quarantine.get(quarantineId));
        }
    }

    Optional<byte[]> quarantinedContent(String quarantineId) {
        synchronized (store.lock) {
            return Optional.ofNullable(quarantined.get(quarantineId));
        }
    }

    boolean resolveQuarantine(String quarantineId, String actor, String resolution, Instant now) {
        synchronized (store.lock) {
            QuarantineRecord q = quarantine.get(quarantineId);
            if (q == null || q.resolution() != null) {
                return false;
            }
            quarantine.put(quarantineId, new QuarantineRecord(q.quarantineId(), q.messageId(), q.claimedSender(),
                    q.type(), q.errorCode(), q.reason(), q.receivedAt(), q.errorMessageId(), q.unanswered(),
                    q.contentSize(), q.contentSm3(), new QuarantineRecord.Resolution(InMemoryMessageStore.time(now), actor, resolution)));
            store.audit.add(new AuditEvent(AuditKind.OPERATOR_ACTION, null, actor, "quarantine " + quarantineId
                    + " resolved: " + resolution, null));
            return true;
        }
    }

    long unresolved() {
        synchronized (store.lock) {
            return quarantine.values().stream().filter(q -> q.resolution() == null).count();
        }
    }
}
