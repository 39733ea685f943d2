package org.exchangenode.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.testsupport.samples.SampleKeys;
import org.w3c.dom.Element;

/**
 * Anyone with access to the broker: signs with a sample node's key (possibly in another node's name) and puts raw
 * bytes on a node's inbox, bypassing every node.
 */
final class RawSender implements AutoCloseable {
    private static final XsdValidator XSD = new XsdValidator();
    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;

    RawSender(String brokerUrl) throws JMSException {
        connection = new ActiveMQConnectionFactory(brokerUrl).createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
    }

    /** A contact letter signed with {@code signerNode}'s sample key whose header claims {@code from}. */
    static SignedMessage letter(String signerNode, String from, String to, String conversationId, ContactLetter letter) {
        MessageComposer composer = new MessageComposer(new MessageSigner(SampleKeys.credentials(signerNode)), XSD);
        return composer.compose(EnvelopeHeader.create(MessageType.CONTACT_LETTER, from, to, conversationId, null),
                ContactLetterXml.write(letter));
    }

    /**
     * A contact letter from {@code node} with elements' texts replaced after it was built, signed as it is with the
     * node's sample key (a peer whose software is broken: the composer would refuse to sign it).
     */
    static SignedMessage brokenLetter(String node, String to, String conversationId, ContactLetter letter,
                                      Map<String, String> replaced) {
        NodeCredentials credentials = SampleKeys.credentials(node);
        Element body = ContactLetterXml.write(letter);
        replaced.forEach((element, text) -> body.getElementsByTagNameNS("*", element).item(0).setTextContent(text));
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.CONTACT_LETTER, node, to, conversationId, null);
        Envelope envelope = EnvelopeCodec.build(header, body);
        new MessageSigner(credentials).sign(envelope);
        byte[] bytes = SecureXml.toBytes(envelope.document());
        return new SignedMessage(header, bytes, credentials.algorithm(),
                TransportMessages.canonicalDigest(SecureXml.parse(bytes, Integer.MAX_VALUE)));
    }

    static MessageVerifier verifier() {
        return SampleKeys.verifier();
    }

    void send(String toNode, byte[] bytes) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(bytes);
        producer.send(session.createQueue("node." + toNode + ".inbox"), message);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
