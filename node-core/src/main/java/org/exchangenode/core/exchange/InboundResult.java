package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.signing.VerifiedSignature;
import org.w3c.dom.Element;

/** The verdict on a message read from the inbox: accepted with its verified signature, or rejected with a cause. */
public sealed interface InboundResult {

    /**
     * Every check passed. {@code form} is the body in clear: the body itself, or what an encrypted body held once
     * decrypted. {@code facts} is what a business form says of its person and amounts, read once here (null for a
     * transport message).
     */
    record Accepted(Envelope envelope, VerifiedSignature signature, Element form, FormFacts facts)
            implements InboundResult {
    }

    /**
     * A permanent failure. The ids, sender and type are what could be read of the header (any may be null).
     * {@code signatureVerified}: the document's signature verified with a trusted certificate naming the claimed
     * sender, so the sender may be answered with an Error; otherwise anyone could have written it, and an answer would
     * make this node sign accusations to whichever node the document names.
     */
    record Rejected(String messageId, String conversationId, String claimedSender, String type, ErrorCode code,
                    String reason, boolean signatureVerified)
            implements InboundResult {
    }
}
