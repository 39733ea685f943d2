package org.exchangenode.routes.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** Pings sent and the Pongs that answered them; a Ping is recorded with the message that carries it ({@link MessageWrite}). */
public interface PingStore {

    /** A Ping and, once answered, its Pong and the certificate that signed it. */
    record Ping(String pingId, String peer, String nonce, OffsetDateTime sentAt, OffsetDateTime pongAt,
                String pongMessageId, String signerSubject, String signerSerial, OffsetDateTime signerNotAfter) {
    }

    /** Records the Pong of a Ping from {@code peer} with {@code nonce}; false when no such Ping awaits one. */
    boolean answered(String pingId, String peer, String nonce, String pongMessageId, String signerSubject,
                     String signerSerial, Instant signerNotAfter, Instant at);

    Optional<Ping> find(String pingId);
}
