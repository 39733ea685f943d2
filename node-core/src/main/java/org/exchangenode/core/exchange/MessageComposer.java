package org.exchangenode.core.exchange;

import java.util.Base64;
import java.util.HexFormat;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.envelope.Namespaces;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.w3c.dom.Element;

/**
 * Turns a header and a body into a signed wire message: envelope, XSD validation (a message this node would refuse
 * from a peer is never sent; a Receipt is valid by construction, see {@link #composeReceipt}), signature, bytes.
 * Thread-safe.
 */
public final class MessageComposer {
    private final MessageSigner signer;
    private final XsdValidator schemas;

    public MessageComposer(MessageSigner signer, XsdValidator schemas) {
        this.signer = signer;
        this.schemas = schemas;
    }

    public String nodeId() {
        return signer.credentials().nodeId();
    }

    public SignedMessage compose(EnvelopeHeader header, Element body) {
        Envelope envelope = EnvelopeCodec.build(header, body);
        schemas.requireValid(envelope.document());
        return signed(envelope);
    }

    /**
     * The Receipt of a message that passed every inbound check, without validating it against the XSD again: each of
     * its values is this node's own (its id, node id, times, the digest method and the base64 of a digest) or copied
     * from the received header, which passed the same schema types before a Receipt is ever made (the ids, the
     * conversation and the sender). Validating it cost a receiving node as much as validating the letter it answers,
     * about 4 % of its CPU (the schema's patterns); MessageComposerTest validates Receipts composed so.
     */
    public SignedMessage composeReceipt(EnvelopeHeader header, Element receipt) {
        if (header.type() != MessageType.RECEIPT || !"Receipt".equals(receipt.getLocalName())
                || !Namespaces.TRANSPORT.equals(receipt.getNamespaceURI())) {
            throw new ExchangeException(ErrorCode.INTERNAL, "only a Receipt is composed without schema validation");
        }
        return signed(EnvelopeCodec.build(header, receipt));
    }

    private SignedMessage signed(Envelope envelope) {
        EnvelopeHeader header = envelope.header();
        signer.sign(envelope);
        if (header.type().business()) {
            byte[] bytes = SecureXml.toBytes(envelope.document());
            // the signed tree, not its bytes parsed again (a second parse cost a twentieth of a node's CPU): its
            // canonical form is what the receiver's parse of the bytes canonicalises to, as the signature over it needs
            // anyway; MessageComposerTest holds the two equal for every kind of message, an encrypted body and awkward
            // text
            return new SignedMessage(header, bytes, signer.credentials().algorithm(),
                    TransportMessages.canonicalDigest(envelope.document()));
        }
        // a transport message's bytes are its exclusive canonical form: one pass gives the bytes and what its digest
        // is taken over instead of serialising and canonicalising (a twentieth of a receiving node's CPU for the
        // Receipt), the receiver's canonical form of them is the same bytes, and their SM3 is at once the digest a
        // Receipt of them would state and the digest the audit entries at both ends keep. A form's is not: exclusive
        // canonicalisation declares a namespace again on every element that uses it whose parent does not, which
        // made the benchmark's letter a fifth larger (5,619 bytes against 4,638); a transport message uses one
        // namespace per element subtree, so its canonical form is about as large as its serialisation (some 40 bytes
        // more: the signature's empty elements are written out in full, the XML declaration is left out)
        byte[] bytes = TransportMessages.canonicalBytes(envelope.document());
        byte[] digest = TransportMessages.sm3(bytes);
        return new SignedMessage(header, bytes, signer.credentials().algorithm(),
                Base64.getEncoder().encodeToString(digest), HexFormat.of().formatHex(digest));
    }
}
