package org.exchangenode.testsupport.peer;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.exchangenode.testsupport.samples.SampleKeys;
import org.w3c.dom.Element;

/**
 * A peer node played by the test with node-core and the TEST ONLY sample keys, talking to the node under test through
 * a real broker: it reads its own inbox and writes to the node's inbox. It consumes {@code node.<id>.inbox}, so it
 * plays a node that is not running; to only put bytes on an inbox beside running nodes, use a plain broker client.
 */
public final class TestPeer implements AutoCloseable {
    private static final XsdValidator XSD = new XsdValidator();
    public final String nodeId;
    public final MessageComposer composer;
    private final MessageSigner signer;
    public final MessageVerifier verifier;
    private final Connection connection;
    private final Session session;
    private final MessageConsumer inbox;
    private final MessageProducer producer;

    /** Connects without credentials, to a broker that lets anyone in (the tests' shared broker). */
    public TestPeer(String nodeId, String brokerUrl) throws JMSException {
        this(nodeId, brokerUrl, null, null);
    }

    /** Connects as a broker user, as a node does to a secured broker (its user {@code node-<id>}). */
    public TestPeer(String nodeId, String brokerUrl, String user, String password) throws JMSException {
        this.nodeId = nodeId;
        this.signer = new MessageSigner(SampleKeys.credentials(nodeId));
        this.composer = new MessageComposer(signer, XSD);
        this.verifier = SampleKeys.verifier();
        this.connection = new ActiveMQConnectionFactory(brokerUrl, user, password).createConnection();
        this.session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        this.inbox = session.createConsumer(session.createQueue("node." + nodeId + ".inbox"));
        this.producer = session.createProducer(null);
        connection.start();
    }

    /** Signs a message from this peer. */
    public SignedMessage compose(MessageType type, String to, String conversationId, String ref, Element body) {
        return composer.compose(new EnvelopeHeader(UUID.randomUUID().toString(), conversationId, ref, type, nodeId, to,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), EnvelopeHeader.SCHEMA_VERSION), body);
    }

    /**
     * Signs a body as it is, valid or not, as a peer with broken software would (the composer validates first); returns
     * the bytes on the wire.
     */
    public byte[] signUnchecked(MessageType type, String to, String conversationId, Element body) {
        Envelope envelope = EnvelopeCodec.build(new EnvelopeHeader(UUID.randomUUID().toString(), conversationId, null,
                type, nodeId, to, Instant.now().truncatedTo(ChronoUnit.MILLIS), EnvelopeHeader.SCHEMA_VERSION), body);
        signer.sign(envelope);
        return SecureXml.toBytes(envelope.document());
    }

    /** Puts raw bytes on a node's inbox, as any broker client could. */
    public void send(String toNode, byte[] bytes) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(bytes);
        producer.send(session.createQueue("node." + toNode + ".inbox"), message);
    }

    /** Puts bytes on a node's inbox with a broker duplicate id, as a node's relay does. */
    public void sendWithDuplicateId(String toNode, byte[] bytes, String duplicateId) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(bytes);
        message.setStringProperty("_AMQ_DUPL_ID", duplicateId);
        producer.send(session.createQueue("node." + toNode + ".inbox"), message);
    }

    /** The next message in this peer's inbox that matches, skipping others (left over from earlier tests). */
    public Envelope receive(Predicate<Envelope> wanted, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = inbox.receive(200);
            if (message instanceof BytesMessage bytesMessage) {
                byte[] bytes = new byte[(int) bytesMessage.getBodyLength()];
                bytesMessage.readBytes(bytes);
                Envelope envelope = EnvelopeCodec.parse(bytes, 1 << 20);
                if (wanted.test(envelope)) {
                    return envelope;
                }
            }
        }
        throw new AssertionError("no matching message in node." + nodeId + ".inbox within " + timeout);
    }

    public static Predicate<Envelope> answering(MessageType type, String messageId) {
        return e -> e.header().type() == type && messageId.equals(e.header().refToMessageId());
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
