package org.exchangenode.core.exchange;

import java.util.Optional;
import java.util.function.Function;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.ReceiptContent;

/**
 * Whether a verified Receipt or Error answers a message of this node. Three rules: it must name a message this node
 * holds, one this node sent to the node that answers, and a Receipt must state that message's digest (so that it
 * proves receipt of what was sent). An answer that does not match is refused with RECEIPT_MISMATCH (and, being a
 * Receipt or an Error, never answered).
 */
public final class AnswerMatching {
    private AnswerMatching() {
    }

    /** The verdict on an answer: the message it answers, or its refusal. */
    public sealed interface Match {
    }

    /** The answer matches {@code original}, which it marks DELIVERED (a Receipt) or REJECTED (an Error). */
    public record Answers(KnownMessage original) implements Match {
    }

    /** The answer matches no message of this node: refused, naming the rule it breaks. */
    public record Mismatch(InboundResult.Rejected refusal) implements Match {
    }

    /** @param held what this node holds under a message id */
    public static Match receipt(EnvelopeHeader header, ReceiptContent content,
                                Function<String, Optional<KnownMessage>> held) {
        String named = content.receivedMessageId();
        Optional<KnownMessage> original = named == null ? Optional.empty() : held.apply(named);
        String problem = original.isEmpty() ? "names message " + named + ", which this node never sent"
                : !sentTo(original.get(), header.from())
                ? "names message " + named + ", which this node did not send to " + header.from()
                : !original.get().contentDigest().equals(content.digestValue())
                ? "states digest " + content.digestValue() + " but message " + named + " has digest "
                        + original.get().contentDigest()
                : null;
        return problem == null ? new Answers(original.get())
                : new Mismatch(InboundResult.Rejected.verified(header, ErrorCode.RECEIPT_MISMATCH, "receipt " + problem));
    }

    /** @param held what this node holds under a message id (not asked when the Error names none) */
    public static Match error(EnvelopeHeader header, ErrorContent content, Function<String, Optional<KnownMessage>> held) {
        String named = content.refusedMessageId();
        Optional<KnownMessage> original = named == null ? Optional.empty() : held.apply(named);
        if (original.isPresent() && sentTo(original.get(), header.from())) {
            return new Answers(original.get());
        }
        return new Mismatch(InboundResult.Rejected.verified(header, ErrorCode.RECEIPT_MISMATCH, "error "
                + content.code() + " names message " + named + ", which this node did not send to " + header.from()));
    }

    private static boolean sentTo(KnownMessage message, String node) {
        return message.direction() == Direction.OUTBOUND && message.to().equals(node);
    }
}
