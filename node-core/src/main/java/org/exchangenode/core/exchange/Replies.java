package org.exchangenode.core.exchange;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.exchangenode.core.envelope.ConversationIds;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.transport.TransportMessages;

/**
 * The signed answers this node gives to what arrives in its inbox: a Receipt for a stored (or duplicate) business
 * message, a Pong for a Ping, and an Error for a refused document — but only where an Error may go
 * ({@link #withheld}). An Error's header is built from the refused header's readable parts only
 * ({@link #errorHeader}). Thread-safe.
 */
public final class Replies {
    private static final Pattern MESSAGE_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The most characters of a refused message id an Error repeats (its schema's limit). */
    static final int MAX_REFUSED_ID = 100;
    /** The conversation id of an Error whose refused header had none this node could repeat. */
    static final String UNKNOWN_CONVERSATION = "UNKNOWN";

    private final MessageComposer composer;
    private final Clock clock;

    /** @param clock when this node received what it answers (a Receipt's and a Pong's time) */
    public Replies(MessageComposer composer, Clock clock) {
        this.composer = composer;
        this.clock = clock;
    }

    /**
     * The Receipt for a stored message: its id and the digest of its canonical form. {@code received} is the header
     * of a message that passed every inbound check (its schema among them).
     */
    public SignedMessage receipt(EnvelopeHeader received, String digest) {
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.RECEIPT, composer.nodeId(), received.from(),
                received.conversationId(), received.messageId());
        return composer.composeReceipt(header, TransportMessages.receipt(received.messageId(), digest,
                clock.instant()));
    }

    /** The Pong answering a Ping: the Ping's id and nonce. */
    public SignedMessage pong(Envelope ping) {
        EnvelopeHeader received = ping.header();
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.PONG, composer.nodeId(), received.from(),
                received.conversationId(), received.messageId());
        return composer.compose(header, TransportMessages.pong(received.messageId(),
                TransportMessages.nonce(ping.bodyContent()), clock.instant()));
    }

    /**
     * Why a refused document gets no Error, or empty when it does. An Error goes only to a peer whose signature
     * verified (so that nobody with access to the broker can make this node sign accusations to another), and never
     * answers a Receipt or an Error (so that two nodes cannot answer each other's Errors for ever).
     *
     * @param isPeer whether a node is a peer of this node's directory
     */
    public static Optional<String> withheld(InboundResult.Rejected rejected, Predicate<String> isPeer) {
        if (!rejected.signatureVerified()) {
            return Optional.of("the signature was not verified, so the claimed sender may not have sent it");
        }
        if (rejected.claimedSender() == null || !isPeer.test(rejected.claimedSender())) {
            return Optional.of("the sender is not a peer");
        }
        if (MessageType.RECEIPT.wireName().equals(rejected.type()) || MessageType.ERROR.wireName().equals(rejected.type())) {
            return Optional.of("Receipts and Errors are never answered");
        }
        return Optional.empty();
    }

    /**
     * The Error refusing a document that may be answered ({@link #withheld} is empty): the code and reason of its
     * refusal, the refused id as far as it can be repeated.
     */
    public SignedMessage error(InboundResult.Rejected rejected) {
        String refused = rejected.messageId() == null ? null
                : rejected.messageId().substring(0, Math.min(MAX_REFUSED_ID, rejected.messageId().length()));
        return composer.compose(errorHeader(composer.nodeId(), rejected),
                TransportMessages.error(refused, rejected.code(), rejected.reason()));
    }

    /**
     * The header of an Error from {@code nodeId} to the refused document's claimed sender. What the refused header
     * claimed is repeated only where it has its schema's form: its message id (as the Error's RefToMessageId) only when
     * it is a UUID, its conversation id only when it is one ({@link #UNKNOWN_CONVERSATION} otherwise), so that the
     * Error itself is valid and carries nothing else of what the sender wrote there.
     */
    static EnvelopeHeader errorHeader(String nodeId, InboundResult.Rejected rejected) {
        String ref = rejected.messageId() != null && MESSAGE_ID.matcher(rejected.messageId()).matches()
                ? rejected.messageId() : null;
        String conversation = ConversationIds.isValid(rejected.conversationId()) ? rejected.conversationId()
                : UNKNOWN_CONVERSATION;
        return EnvelopeHeader.create(MessageType.ERROR, nodeId, rejected.claimedSender(), conversation, ref);
    }
}
