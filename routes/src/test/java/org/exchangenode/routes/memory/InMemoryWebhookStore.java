package org.exchangenode.routes.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.localsystem.WebhookStore;
import org.exchangenode.routes.messages.NewMessage;

/**
 * Local-system notifications in memory; the {@link InMemoryMessageStore} queues one with each received business
 * message when it notifies a local system. TEST ONLY.
 */
public final class InMemoryWebhookStore implements WebhookStore {
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<AuditEvent> audit = new ArrayList<>();

    private static final class Row {
        NewMessage message;
        OffsetDateTime storedAt;
        String status = "PENDING";
        int attempts;
        Instant next;
        String errorCode;
        String lastError;
        OffsetDateTime createdAt;
        OffsetDateTime deliveredAt;
        Claim claim;
    }

    /** The fence of the JDBC store: PENDING and held by this claim. */
    private Row held(Claim claim, String messageId) {
        Row row = rows.get(messageId);
        return row != null && row.status.equals("PENDING") && row.claim != null
                && row.claim.token().equals(claim.token()) ? row : null;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    synchronized void queue(NewMessage message, Instant now) {
        Row row = new Row();
        row.message = message;
        row.storedAt = time(now);
        row.createdAt = time(now);
        row.next = now;
        rows.put(message.header().messageId(), row);
    }

    @Override
    public synchronized List<Due> claim(Claim claim, Instant now, int limit) {
        return rows.values().stream().filter(r -> r.status.equals("PENDING") && !r.next.isAfter(now))
                .filter(r -> r.claim == null || !r.claim.holdsAt(now))
                .sorted(Comparator.comparing((Row r) -> r.next)).limit(limit).map(r -> {
                    r.claim = claim;
                    var h = r.message.header();
                    return new Due(h.messageId(), r.attempts, h.type().wireName(), h.conversationId(), h.from(), h.to(),
                            time(h.createdAt()), r.storedAt, r.message.content());
                }).toList();
    }

    @Override
    public synchronized boolean delivered(Claim claim, String messageId, Instant now) {
        Row row = held(claim, messageId);
        if (row == null) {
            return false;
        }
        row.status = "DELIVERED";
        row.attempts++;
        row.deliveredAt = time(now);
        row.lastError = null;
        row.errorCode = null;
        row.claim = null;
        return true;
    }

    @Override
    public synchronized boolean failed(Claim claim, String messageId, ErrorCode code, String error, Instant next,
                                       boolean last, Instant now) {
        Row row = held(claim, messageId);
        if (row == null) {
            return false;
        }
        row.status = last ? "FAILED" : "PENDING";
        row.attempts++;
        row.next = next;
        row.errorCode = code.name();
        row.lastError = error;
        row.claim = null;
        return true;
    }

    @Override
    public synchronized void release(Claim claim) {
        rows.values().stream().filter(r -> r.claim != null && r.claim.token().equals(claim.token()))
                .forEach(r -> r.claim = null);
    }

    @Override
    public synchronized List<Notification> list(String status, int page, int size) {
        return rows.values().stream().filter(r -> status == null || status.equals(r.status))
                .sorted(Comparator.comparing((Row r) -> r.createdAt).reversed()).skip((long) page * size).limit(size)
                .map(r -> new Notification(r.message.header().messageId(), r.status, r.attempts, time(r.next),
                        r.errorCode, r.lastError, r.createdAt, r.deliveredAt)).toList();
    }

    @Override
    public synchronized boolean replay(String messageId, String actor, String reason, Instant now) {
        Row row = rows.get(messageId);
        if (row == null || !row.status.equals("FAILED")) {
            return false;
        }
        row.status = "PENDING";
        row.attempts = 0;
        row.next = now;
        row.claim = null;
        audit.add(new AuditEvent(AuditKind.OPERATOR_ACTION, messageId, actor, "local-system notification of "
                + messageId + " queued again: " + reason, null));
        return true;
    }
}
