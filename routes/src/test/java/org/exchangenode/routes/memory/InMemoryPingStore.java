package org.exchangenode.routes.memory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.operations.PingStore;

/** Pings in memory; the {@link InMemoryMessageStore} records one as it stores the Ping for sending. TEST ONLY. */
public final class InMemoryPingStore implements PingStore {
    private final Map<String, Ping> pings = new LinkedHashMap<>();

    synchronized void sent(MessageWrite.Ping ping) {
        pings.put(ping.pingId(), new Ping(ping.pingId(), ping.peer(), ping.nonce(), ping.at().atOffset(ZoneOffset.UTC),
                null, null, null, null, null));
    }

    @Override
    public synchronized boolean answered(String pingId, String peer, String nonce, String pongMessageId,
                                         String signerSubject, String signerSerial, Instant signerNotAfter,
                                         Instant at) {
        Ping p = pings.get(pingId);
        if (p == null || !p.peer().equals(peer) || !p.nonce().equals(nonce) || p.pongAt() != null) {
            return false;
        }
        pings.put(pingId, new Ping(pingId, peer, nonce, p.sentAt(), at.atOffset(ZoneOffset.UTC), pongMessageId,
                signerSubject, signerSerial, signerNotAfter.atOffset(ZoneOffset.UTC)));
        return true;
    }

    @Override
    public synchronized Optional<Ping> find(String pingId) {
        return Optional.ofNullable(pings.get(pingId));
    }
}
