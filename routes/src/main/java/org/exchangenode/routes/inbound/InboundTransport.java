package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.exchange.AnswerMatching;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.InboundResult;
import org.exchangenode.core.exchange.KnownMessage;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.Replies;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.ReceiptContent;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.jdbc.GroupCommit;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.operations.PingStore;
import org.jboss.logging.Logger;

/**
 * The transport messages of the inbox: a Receipt or an Error that answers a message of this node ({@link AnswerMatching})
 * is stored once and marks it DELIVERED or REJECTED; a Ping is answered with a Pong (neither is stored as a message);
 * a Pong is recorded against the Ping it answers.
 */
@Singleton
public class InboundTransport {
    private static final Logger LOG = Logger.getLogger(InboundTransport.class);
    private final Replies replies;
    private final MessageStore store;
    private final PingStore pings;
    private final MessageMetrics metrics;

    public InboundTransport(Replies replies, MessageStore store, PingStore pings, MessageMetrics metrics) {
        this.replies = replies;
        this.store = store;
        this.pings = pings;
        this.metrics = metrics;
    }

    void receipt(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        ReceiptContent content = TransportMessages.readReceipt(accepted.form());
        // the stored record is kept for the latency: matching needs only the exchange rules' view of it
        AtomicReference<StoredMessage> stored = new AtomicReference<>();
        AnswerMatching.Match match = AnswerMatching.receipt(header, content,
                id -> store.find(id).map(found -> remember(stored, found)));
        Instant now = Instant.now();
        if (match instanceof AnswerMatching.Mismatch mismatch) {
            sink.refuse(mismatch.refusal(), bytes);
        } else if (store.recordReceipt(Messages.received(accepted, bytes), content.receivedMessageId(), now)) {
            KnownMessage original = ((AnswerMatching.Answers) match).original();
            StoredMessage delivered = stored.get();
            GroupCommit.afterCommit(() -> {
                metrics.status(Direction.OUTBOUND, original.type(), MessageStatus.DELIVERED);
                metrics.receiptLatency(delivered.peer(), Duration.between(delivered.storedAt().toInstant(), now));
                LOG.infof("%s %s delivered to %s (receipt %s)", original.type(), escape(original.messageId()),
                        escape(header.from()), escape(header.messageId()));
            });
        }
    }

    void error(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        ErrorContent content = TransportMessages.readError(accepted.form());
        AnswerMatching.Match match = AnswerMatching.error(header, content, this::known);
        if (match instanceof AnswerMatching.Mismatch mismatch) {
            sink.refuse(mismatch.refusal(), bytes);
        } else if (store.recordError(Messages.received(accepted, bytes), content.refusedMessageId(), content.code(),
                content.reason())) {
            KnownMessage original = ((AnswerMatching.Answers) match).original();
            GroupCommit.afterCommit(() -> {
                metrics.status(Direction.OUTBOUND, original.type(), MessageStatus.REJECTED);
                LOG.warnf("%s %s rejected by %s: %s %s", original.type(), escape(original.messageId()),
                        escape(header.from()), escape(content.code()), escape(content.reason()));
            });
        }
    }

    private static KnownMessage remember(AtomicReference<StoredMessage> holder, StoredMessage message) {
        holder.set(message);
        return message.known();
    }

    private Optional<KnownMessage> known(String messageId) {
        return store.find(messageId).map(StoredMessage::known);
    }

    /** Answers a Ping with a Pong signed with this node's key (the Ping itself is not stored). */
    void ping(InboundResult.Accepted accepted) {
        EnvelopeHeader received = accepted.envelope().header();
        SignedMessage pong = replies.pong(accepted.envelope());
        store.storeOutbound(Messages.of(pong, Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox(received.from()));
        LOG.infof("Ping %s from %s answered with Pong %s", escape(received.messageId()), escape(received.from()),
                pong.header().messageId());
    }

    /** Records the Pong of a Ping this node sent (any instance may receive it). */
    void pong(InboundResult.Accepted accepted) {
        EnvelopeHeader header = accepted.envelope().header();
        var signer = accepted.signature().signer();
        boolean known = pings.answered(header.refToMessageId(), header.from(), TransportMessages.nonce(accepted.form()),
                header.messageId(), signer.getSubjectX500Principal().getName(), signer.getSerialNumber().toString(16),
                signer.getNotAfter().toInstant(), Instant.now());
        if (known) {
            LOG.infof("Pong %s from %s answers Ping %s", escape(header.messageId()), escape(header.from()),
                    escape(header.refToMessageId()));
        } else {
            LOG.warnf("Pong %s from %s answers no Ping this node awaits (%s); ignored", escape(header.messageId()),
                    escape(header.from()), escape(header.refToMessageId()));
        }
    }
}
