package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.w3c.dom.Element;

/**
 * Turns a header and a body into a signed wire message: envelope, XSD validation (a message this node would refuse
 * from a peer is never sent), signature, bytes. Thread-safe.
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
        signer.sign(envelope);
        byte[] bytes = SecureXml.toBytes(envelope.document());
        // the signed tree, not its bytes parsed again (a second parse cost a twentieth of a node's CPU): its canonical
        // form is what the receiver's parse of the bytes canonicalises to, as the signature over it needs anyway;
        // MessageComposerTest holds the two equal for every kind of message, an encrypted body and awkward text
        String digest = TransportMessages.canonicalDigest(envelope.document());
        return new SignedMessage(header, bytes, signer.credentials().algorithm(), digest);
    }
}
