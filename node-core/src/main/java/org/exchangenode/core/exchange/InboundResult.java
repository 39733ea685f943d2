package org.exchangenode.core.exchange;

import java.util.Arrays;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.signing.VerifiedSignature;
import org.w3c.dom.Element;

/** The verdict on a message read from the inbox: accepted with its verified signature, or rejected with a cause. */
public sealed interface InboundResult {

    /**
     * Every check passed. {@code form} is the body in clear: the body itself, or what an encrypted body held once
     * decrypted. {@code facts} is what a business form says of its person and amounts, read once here (null for a
     * transport message). {@code contentDigest} is the base64 SM3 digest of the document's canonical form: what a
     * Receipt for it states, and what tells a duplicate from another message under the same id. {@code bytesDigest}
     * is the hex SM3 digest of the bytes as received when they are their own canonical form (as nodes send transport
     * messages), so the audit entry need not digest them again; null when they are not (a form's bytes).
     */
    record Accepted(Envelope envelope, VerifiedSignature signature, Element form, FormFacts facts,
                    String contentDigest, String bytesDigest) implements InboundResult {
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

        /**
         * A document refused before it was even parsed (too large, too deep, too many elements) is kept as its first
         * {@value #KEPT_PREFIX_BYTES} bytes (its size and digest are recorded beside): refusing it must not cost
         * storage either, and no check could ever pass on it. Anything else is kept whole, for re-verification.
         */
        public static final int KEPT_PREFIX_BYTES = 4096;

        /** The refusal of a message whose checks all passed, by a rule after them (case, duplicate, answer). */
        public static Rejected verified(EnvelopeHeader header, ErrorCode code, String reason) {
            return new Rejected(header.messageId(), header.conversationId(), header.from(), header.type().wireName(),
                    code, reason, true);
        }

        /** What of the refused {@code document} is kept in quarantine. */
        public byte[] kept(byte[] document) {
            boolean cheapRefusal = code == ErrorCode.MESSAGE_TOO_LARGE || code == ErrorCode.DOCUMENT_TOO_COMPLEX;
            return cheapRefusal && document.length > KEPT_PREFIX_BYTES ? Arrays.copyOf(document, KEPT_PREFIX_BYTES)
                    : document;
        }
    }
}
