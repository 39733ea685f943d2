package org.exchangenode.routes.memory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.exchangenode.routes.localsystem.PullInboxStore;
import org.exchangenode.routes.messages.NewMessage;

/** The local system's pull inbox in memory; the {@link InMemoryMessageStore} enters messages as it stores them. TEST ONLY. */
public final class InMemoryPullInboxStore implements PullInboxStore {
    private final List<Entry> entries = new ArrayList<>();

    synchronized void enter(NewMessage message, Instant now) {
        var h = message.header();
        entries.add(new Entry(entries.size() + 1L, h.messageId(), h.type().wireName(), h.conversationId(), h.from(),
                now.atOffset(ZoneOffset.UTC), null, null, message.content()));
    }

    @Override
    public synchronized List<Entry> list(long after, int limit, boolean all, String type) {
        return entries.stream().filter(e -> e.sequence() > after).filter(e -> all || e.acknowledgedAt() == null)
                .filter(e -> type == null || type.equals(e.type())).limit(limit).toList();
    }

    @Override
    public synchronized Acknowledged acknowledge(List<String> messageIds, String who, Instant now) {
        List<String> done = new ArrayList<>();
        List<String> already = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : new LinkedHashSet<>(messageIds)) {
            int index = indexOf(id);
            if (index < 0) {
                unknown.add(id);
            } else if (entries.get(index).acknowledgedAt() != null) {
                already.add(id);
            } else {
                Entry e = entries.get(index);
                entries.set(index, new Entry(e.sequence(), e.messageId(), e.type(), e.conversationId(), e.from(),
                        e.receivedAt(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC), who, e.content()));
                done.add(id);
            }
        }
        return new Acknowledged(done, already, unknown);
    }

    private int indexOf(String messageId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).messageId().equals(messageId)) {
                return i;
            }
        }
        return -1;
    }
}
