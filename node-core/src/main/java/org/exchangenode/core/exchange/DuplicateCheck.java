package org.exchangenode.core.exchange;

import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.error.ErrorCode;

/**
 * A verified message whose id this node already holds: the same received message again (a duplicate: stored once,
 * receipted again, nothing else changes), or a different message under a used id (MESSAGE_ID_CONFLICT, refused): one
 * this node sent, or one with other content.
 */
public final class DuplicateCheck {
    private DuplicateCheck() {
    }

    /**
     * @param digest   the canonical digest of the message that arrived
     * @param existing what this node holds under the message's id
     * @return the refusal of a conflict; empty when the message is a duplicate of the one held
     */
    public static Optional<InboundResult.Rejected> conflict(EnvelopeHeader header, String digest, KnownMessage existing) {
        if (existing.direction() == Direction.INBOUND && existing.contentDigest().equals(digest)) {
            return Optional.empty();
        }
        return Optional.of(InboundResult.Rejected.verified(header, ErrorCode.MESSAGE_ID_CONFLICT,
                "message id " + header.messageId() + " is already stored for a different message"));
    }
}
