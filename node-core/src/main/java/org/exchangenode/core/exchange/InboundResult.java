package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.signing.VerifiedSignature;

/** The verdict on a message read from the inbox: accepted with its verified signature, or rejected with a cause. */
public sealed interface InboundResult {

    /** Every check passed. */
    record Accepted(Envelope envelope, VerifiedSignature signature) implements InboundResult {
    }

    /**
     * A permanent failure. The ids, sender and type are what could be read of the header (any may be null), so that
     * the sender can be answered with an Error.
     */
    record Rejected(String messageId, String conversationId, String claimedSender, String type, ErrorCode code,
                    String reason)
            implements InboundResult {
    }
}
