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
        // digest what the receiver will parse, not the in-memory tree, so that both sides hash the same thing
        String digest = TransportMessages.canonicalDigest(SecureXml.parse(bytes, Integer.MAX_VALUE));
        return new SignedMessage(header, bytes, signer.credentials().algorithm(), digest);
    }
}
