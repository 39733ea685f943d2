package org.exchangenode.routes.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.messages.MessageFilter;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.StoredMessage;

/** The reads of {@link InMemoryMessageStore}: a message, its content, listings and the counts. TEST ONLY. */
final class InMemoryMessageQueries {
    private final InMemoryMessageStore store;
    private final InMemoryQuarantine quarantine;

    InMemoryMessageQueries(InMemoryMessageStore store, InMemoryQuarantine quarantine) {
        this.store = store;
        this.quarantine = quarantine;
    }

    Optional<StoredMessage> find(String messageId) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.messages.get(messageId)).map(InMemoryMessageStore.Row::stored);
        }
    }

    Optional<byte[]> content(String messageId) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.messages.get(messageId)).map(r -> r.message.content());
        }
    }

    List<StoredMessage> list(MessageFilter f) {
        synchronized (store.lock) {
            return store.messages.values().stream().map(InMemoryMessageStore.Row::stored)
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

    MessageStore.Counts counts() {
        synchronized (store.lock) {
            Map<String, Long> byStatus = new TreeMap<>();
            long duplicates = 0;
            long receipts = 0;
            for (InMemoryMessageStore.Row row : store.messages.values()) {
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
            return new MessageStore.Counts(byStatus, duplicates, receipts, quarantine.unresolved());
        }
    }
}
