package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.envelope.ConversationIds;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.InboundChecker;
import org.exchangenode.core.exchange.InboundResult;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.ReceiptContent;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.cases.Cases;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.metrics.MessageMetrics;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.exchangenode.routes.persistence.CaseUpdate;
import org.exchangenode.routes.persistence.PingStore;
import org.exchangenode.routes.persistence.JdbcMessageStore;
import org.exchangenode.routes.persistence.MessageStore;
import org.exchangenode.routes.persistence.Messages;
import org.exchangenode.routes.persistence.NewMessage;
import org.exchangenode.routes.persistence.QuarantineRecord;
import org.exchangenode.routes.persistence.StoredMessage;
import org.jboss.logging.Logger;

/**
 * What happens to a document taken from this node's inbox. It returns only once the outcome is durable (stored,
 * or quarantined), so the broker acknowledgement that follows never loses a message; a database failure escapes
 * as a transient exception and the broker redelivers.
 *
 * <ul>
 *   <li>a business message: stored once, answered with a signed Receipt every time it arrives;</li>
 *   <li>a Receipt or Error: stored once, and the outbound message it names becomes DELIVERED or REJECTED;</li>
 *   <li>anything that fails a check: quarantined, and answered with a signed Error only when its signature verified
 *       and the sender is a known peer (unsigned junk claiming a peer is quarantined silently, so that nobody can make
 *       this node sign accusations to another). Receipts and Errors are never answered with an Error, so two nodes
 *       cannot loop.</li>
 * </ul>
 */
@Singleton
public class InboundHandler {
    private static final Logger LOG = Logger.getLogger(InboundHandler.class);
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    /**
     * A document refused before it was even parsed (too large, too deep, too many elements) is kept as its first
     * {@link #KEPT_PREFIX_BYTES} bytes (its size and SM3 digest are in the record): refusing it must not cost storage
     * either, and no check could ever pass on it. Anything else is kept whole, for re-verification.
     */
    static final int KEPT_PREFIX_BYTES = 4096;

    private final NodeConfig config;
    private final PeerDirectory directory;
    private final PingStore pings;
    private final InboundChecker checker;
    private final MessageComposer composer;
    private final MessageStore store;
    private final MessageMetrics metrics;
    private final OutboundMessages outbound;
    private final Cases cases;

    public InboundHandler(NodeConfig config, InboundChecker checker, MessageComposer composer, MessageStore store,
                          MessageMetrics metrics, OutboundMessages outbound, Cases cases, PeerDirectory directory,
                          PingStore pings) {
        this.pings = pings;
        this.cases = cases;
        this.directory = directory;
        this.config = config;
        this.checker = checker;
        this.composer = composer;
        this.store = store;
        this.metrics = metrics;
        this.outbound = outbound;
    }

    /** What becomes of a refused document: quarantined when it came from the broker, reported on re-verification. */
    private interface RefusalSink {
        void refuse(InboundResult.Rejected rejected, byte[] bytes);
    }

    /** A quarantined document that still fails a check when an operator re-verifies it. */
    public static final class StillRefused extends RuntimeException {
        private final String code;

        StillRefused(InboundResult.Rejected rejected) {
            super(rejected.reason());
            this.code = rejected.code().name();
        }

        public String code() {
            return code;
        }
    }

    public void handle(byte[] bytes) {
        process(bytes, this::refuse);
    }

    /**
     * Processes a quarantined document again, as if it had just arrived (stored and receipted, or applied as a
     * Receipt or Error), without quarantining or answering it again if it still fails.
     *
     * @throws StillRefused naming the check that still fails; nothing is stored then
     */
    public void reprocess(byte[] bytes) {
        process(bytes, (rejected, ignored) -> {
            throw new StillRefused(rejected);
        });
    }

    private void process(byte[] bytes, RefusalSink sink) {
        InboundResult result = checker.check(bytes);
        if (result instanceof InboundResult.Rejected rejected) {
            sink.refuse(rejected, bytes);
        } else {
            InboundResult.Accepted accepted = (InboundResult.Accepted) result;
            switch (accepted.envelope().header().type()) {
                case RECEIPT -> receipt(accepted, bytes, sink);
                case ERROR -> error(accepted, bytes, sink);
                case PING -> ping(accepted);
                case PONG -> pong(accepted);
                default -> business(accepted, bytes, sink);
            }
        }
        outbound.wakeRelay();
    }

    private void business(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        String digest = TransportMessages.canonicalDigest(accepted.envelope().document());
        Optional<StoredMessage> existing = store.find(header.messageId());
        if (existing.isPresent()) {
            duplicate(accepted, bytes, existing.get(), digest, sink);
            return;
        }
        CaseUpdate caseUpdate;
        try {
            caseUpdate = cases.onInbound(header, accepted.facts());
        } catch (ExchangeException e) {
            if (!e.code().permanent()) {
                throw e;
            }
            sink.refuse(new InboundResult.Rejected(header.messageId(), header.conversationId(), header.from(),
                    header.type().wireName(), e.code(), e.getMessage(), true), bytes);
            return;
        }
        NewMessage received = received(accepted, digest, bytes);
        SignedMessage receipt = receiptFor(header, digest);
        boolean stored;
        try {
            stored = store.storeInbound(received, Messages.of(receipt, Direction.OUTBOUND, MessageStatus.STORED),
                    BrokerNames.inbox(header.from()), caseUpdate);
        } catch (ExchangeException e) {
            if (!e.code().permanent()) {
                throw e;
            }
            // the database refused the case (another letter opened it a moment ago): nothing was stored
            sink.refuse(new InboundResult.Rejected(header.messageId(), header.conversationId(), header.from(),
                    header.type().wireName(), e.code(), e.getMessage(), true), bytes);   // its signature verified
            return;
        }
        if (!stored) {
            // another consumer stored it a moment ago
            duplicate(accepted, bytes, store.find(header.messageId()).orElseThrow(), digest, sink);
            return;
        }
        metrics.status(Direction.INBOUND, header.type().wireName(), MessageStatus.RECEIVED);
        metrics.status(Direction.OUTBOUND, MessageType.RECEIPT.wireName(), MessageStatus.STORED);
        LOG.infof("%s %s (case %s) from %s stored and receipted", header.type().wireName(), escape(header.messageId()),
                escape(header.conversationId()), escape(header.from()));
    }

    /** Answers a Ping with a Pong signed with this node's key (the Ping itself is not stored). */
    private void ping(InboundResult.Accepted accepted) {
        EnvelopeHeader received = accepted.envelope().header();
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.PONG, config.id(), received.from(),
                received.conversationId(), received.messageId());
        SignedMessage pong = composer.compose(header, TransportMessages.pong(received.messageId(),
                TransportMessages.nonce(accepted.envelope().bodyContent()), Instant.now()));
        store.storeOutbound(Messages.of(pong, Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox(received.from()));
        LOG.infof("Ping %s from %s answered with Pong %s", escape(received.messageId()), escape(received.from()),
                header.messageId());
    }

    /** Records the Pong of a Ping this node sent (any instance may receive it). */
    private void pong(InboundResult.Accepted accepted) {
        EnvelopeHeader header = accepted.envelope().header();
        var signer = accepted.signature().signer();
        boolean known = pings.answered(header.refToMessageId(), header.from(),
                TransportMessages.nonce(accepted.envelope().bodyContent()), header.messageId(),
                signer.getSubjectX500Principal().getName(), signer.getSerialNumber().toString(16),
                signer.getNotAfter().toInstant(), Instant.now());
        if (known) {
            LOG.infof("Pong %s from %s answers Ping %s", escape(header.messageId()), escape(header.from()),
                    escape(header.refToMessageId()));
        } else {
            LOG.warnf("Pong %s from %s answers no Ping this node awaits (%s); ignored", escape(header.messageId()),
                    escape(header.from()), escape(header.refToMessageId()));
        }
    }

    private void duplicate(InboundResult.Accepted accepted, byte[] bytes, StoredMessage existing, String digest,
                           RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        if (existing.direction() != Direction.INBOUND || !existing.contentDigest().equals(digest)) {
            sink.refuse(new InboundResult.Rejected(header.messageId(), header.conversationId(), header.from(),
                    header.type().wireName(), ErrorCode.MESSAGE_ID_CONFLICT,
                    "message id " + header.messageId() + " is already stored for a different message", true), bytes);
            return;
        }
        SignedMessage receipt = receiptFor(header, digest);
        store.recordDuplicate(header.messageId(), Messages.of(receipt, Direction.OUTBOUND, MessageStatus.STORED),
                BrokerNames.inbox(header.from()));
        metrics.duplicate(header.type().wireName());
        LOG.infof("%s %s from %s was already stored: duplicate suppressed, receipted again", header.type().wireName(),
                escape(header.messageId()), escape(header.from()));
    }

    private SignedMessage receiptFor(EnvelopeHeader received, String digest) {
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.RECEIPT, config.id(), received.from(),
                received.conversationId(), received.messageId());
        return composer.compose(header, TransportMessages.receipt(received.messageId(), digest, Instant.now()));
    }

    private void receipt(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        ReceiptContent content = TransportMessages.readReceipt(accepted.envelope().bodyContent());
        Optional<StoredMessage> original = store.find(content.receivedMessageId());
        String problem = original.isEmpty() ? "names message " + content.receivedMessageId() + ", which this node never sent"
                : original.get().direction() != Direction.OUTBOUND || !original.get().to().equals(header.from())
                ? "names message " + content.receivedMessageId() + ", which this node did not send to " + header.from()
                : !original.get().contentDigest().equals(content.digestValue())
                ? "states digest " + content.digestValue() + " but message " + content.receivedMessageId()
                        + " has digest " + original.get().contentDigest()
                : null;
        if (problem != null) {
            sink.refuse(new InboundResult.Rejected(header.messageId(), header.conversationId(), header.from(),
                    header.type().wireName(), ErrorCode.RECEIPT_MISMATCH, "receipt " + problem, true), bytes);
            return;
        }
        NewMessage receipt = received(accepted, TransportMessages.canonicalDigest(accepted.envelope().document()), bytes);
        if (store.recordReceipt(receipt, content.receivedMessageId(), Instant.now())) {
            metrics.status(Direction.OUTBOUND, original.get().type(), MessageStatus.DELIVERED);
            LOG.infof("%s %s delivered to %s (receipt %s)", original.get().type(), escape(content.receivedMessageId()),
                    escape(header.from()), escape(header.messageId()));
        }
    }

    private void error(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        ErrorContent content = TransportMessages.readError(accepted.envelope().bodyContent());
        String refused = content.refusedMessageId();
        Optional<StoredMessage> original = refused == null ? Optional.empty() : store.find(refused);
        if (original.isEmpty() || original.get().direction() != Direction.OUTBOUND
                || !original.get().to().equals(header.from())) {
            sink.refuse(new InboundResult.Rejected(header.messageId(), header.conversationId(), header.from(),
                    header.type().wireName(), ErrorCode.RECEIPT_MISMATCH, "error " + content.code()
                    + " names message " + refused + ", which this node did not send to " + header.from(), true), bytes);
            return;
        }
        NewMessage error = received(accepted, TransportMessages.canonicalDigest(accepted.envelope().document()), bytes);
        if (store.recordError(error, refused, content.code(), content.reason())) {
            metrics.status(Direction.OUTBOUND, original.get().type(), MessageStatus.REJECTED);
            LOG.warnf("%s %s rejected by %s: %s %s", original.get().type(), escape(refused), escape(header.from()),
                    escape(content.code()), escape(content.reason()));
        }
    }

    private static NewMessage received(InboundResult.Accepted accepted, String digest, byte[] bytes) {
        return new NewMessage(accepted.envelope().header(), Direction.INBOUND, MessageStatus.RECEIVED,
                accepted.signature().algorithm().name(), digest, bytes);
    }

    private void refuse(InboundResult.Rejected rejected, byte[] bytes) {
        String unanswered = unanswered(rejected);
        SignedMessage error = unanswered == null ? errorFor(rejected) : null;
        QuarantineRecord record = new QuarantineRecord(JdbcMessageStore.newQuarantineId(), rejected.messageId(),
                rejected.claimedSender(), rejected.type(), rejected.code().name(), rejected.reason(),
                OffsetDateTime.now(ZoneOffset.UTC), error == null ? null : error.header().messageId(), unanswered,
                bytes.length, AuditChain.sm3Hex(bytes));
        store.quarantine(record, kept(rejected, bytes),
                error == null ? null : Messages.of(error, Direction.OUTBOUND, MessageStatus.STORED),
                error == null ? null : BrokerNames.inbox(rejected.claimedSender()));
        metrics.quarantined(rejected.code().name());
        if (error != null) {
            metrics.status(Direction.OUTBOUND, MessageType.ERROR.wireName(), MessageStatus.STORED);
        } else {
            metrics.quarantinedUnanswered(rejected.code().name());
        }
        LOG.warnf("quarantined %s %s claimed from %s: %s %s%s", escape(rejected.type()), escape(rejected.messageId()),
                escape(rejected.claimedSender()), rejected.code(), escape(rejected.reason()),
                error == null ? " (not answered" + (unanswered == null ? "" : ": " + unanswered) + ")"
                        : " (answered with Error " + error.header().messageId() + ")");
    }

    private static byte[] kept(InboundResult.Rejected rejected, byte[] bytes) {
        boolean cheapRefusal = rejected.code() == ErrorCode.MESSAGE_TOO_LARGE
                || rejected.code() == ErrorCode.DOCUMENT_TOO_COMPLEX;
        return cheapRefusal && bytes.length > KEPT_PREFIX_BYTES ? Arrays.copyOf(bytes, KEPT_PREFIX_BYTES) : bytes;
    }

    /**
     * Why no Error goes back, or null when one does: an Error goes only to a known peer whose signature verified (so
     * that nobody with access to the broker can make this node sign accusations to another), and never in answer to a
     * transport message (so that two nodes cannot loop).
     */
    private String unanswered(InboundResult.Rejected rejected) {
        if (!rejected.signatureVerified()) {
            return "the signature was not verified, so the claimed sender may not have sent it";
        }
        if (rejected.claimedSender() == null || !directory.isPeer(rejected.claimedSender())) {
            return "the sender is not a peer";
        }
        if (MessageType.RECEIPT.wireName().equals(rejected.type()) || MessageType.ERROR.wireName().equals(rejected.type())) {
            return "Receipts and Errors are never answered";
        }
        return null;
    }

    private SignedMessage errorFor(InboundResult.Rejected rejected) {
        String ref = rejected.messageId() != null && rejected.messageId().matches(UUID_PATTERN) ? rejected.messageId() : null;
        String conversation = ConversationIds.isValid(rejected.conversationId())
                ? rejected.conversationId() : "UNKNOWN";
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.ERROR, config.id(), rejected.claimedSender(),
                conversation, ref);
        String refused = rejected.messageId() == null ? null
                : rejected.messageId().substring(0, Math.min(100, rejected.messageId().length()));
        return composer.compose(header, TransportMessages.error(refused, rejected.code(), rejected.reason()));
    }
}
