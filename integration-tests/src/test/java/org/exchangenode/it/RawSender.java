package org.exchangenode.it;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.xml.XsdValidator;

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
        Path dir = NodeProcess.CERTS.resolve(signerNode);
        MessageComposer composer = new MessageComposer(new MessageSigner(NodeCredentials.load(
                dir.resolve("node.key.pem"), dir.resolve("node.crt.pem"))), XSD);
        return composer.compose(EnvelopeHeader.create(MessageType.CONTACT_LETTER, from, to, conversationId, null),
                ContactLetterXml.write(letter));
    }

    static MessageVerifier verifier() {
        return new MessageVerifier(TrustAnchors.load(List.of(NodeProcess.CERTS.resolve("root-ca.crt.pem"))));
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
