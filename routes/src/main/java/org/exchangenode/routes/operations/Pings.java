package org.exchangenode.routes.operations;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.routes.outbound.OutboundMessages;

/**
 * Pings a peer through the broker: a signed Ping goes out through the outbox like any message; the peer answers with
 * a Pong signed by its own key; whichever instance of this node receives it records it, and the caller learns the
 * round trip and the certificate the peer signed with. Proves, end to end, that the broker routes both ways, the
 * credentials work and the two nodes trust each other.
 */
@Singleton
public class Pings {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NodeConfig config;
    private final MessageComposer composer;
    private final MessageStore store;
    private final OutboundMessages outbound;
    private final PingStore pings;
    private final PeerDirectory directory;

    public Pings(NodeConfig config, MessageComposer composer, MessageStore store, OutboundMessages outbound,
                 PingStore pings, PeerDirectory directory) {
        this.config = config;
        this.composer = composer;
        this.store = store;
        this.outbound = outbound;
        this.pings = pings;
        this.directory = directory;
    }

    /** A Pong: round trip and the peer's signing certificate. */
    public record Pong(String peer, String pingMessageId, long roundTripMillis, String certificateSubject,
                       String certificateSerial, Instant certificateNotAfter) {
    }

    public Pong ping(String peer, Duration timeout) {
        if (!directory.isPeer(peer)) {
            throw new InvalidFormException(List.of(new FieldViolation("peer", ViolationCode.UNKNOWN_PEER,
                    "must be an active node of the peer directory")));
        }
        String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(8));
        Instant sent = Instant.now();
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.PING, config.id(), peer, "PING-" + nonce, null);
        SignedMessage ping = composer.compose(header, TransportMessages.ping(nonce, sent));
        store.storeOutbound(MessageWrite.outbound(Messages.of(ping, Direction.OUTBOUND, MessageStatus.STORED),
                BrokerNames.inbox(peer)).withPing(new MessageWrite.Ping(header.messageId(), peer, nonce, sent)));
        outbound.wakeRelay();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<PingStore.Ping> answered = pings.find(header.messageId()).filter(p -> p.pongAt() != null);
            if (answered.isPresent()) {
                PingStore.Ping p = answered.get();
                return new Pong(peer, header.messageId(), Duration.between(sent, p.pongAt().toInstant()).toMillis(),
                        p.signerSubject(), p.signerSerial(), p.signerNotAfter().toInstant());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new ExchangeException(ErrorCode.NO_ANSWER, "no Pong from " + peer + " within " + timeout
                + " (Ping " + header.messageId() + "): is the peer running, and does the broker route to node."
                + peer + ".inbox?");
    }
}
