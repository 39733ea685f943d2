package org.exchangenode.routes.operations;

import jakarta.inject.Singleton;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.DuplicateIds;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.config.NodeConfig;

/**
 * This node's dead letters: the messages its inbox consumer rolled back until the broker gave up (a transient failure
 * that lasted, or a message whose processing throws), which the broker moved to the node's own dead-letter queue
 * {@code node.<id>.dlq} — the one queue of dead letters the node's broker user may read on the network broker. Only
 * those whose original queue is this node's inbox, or DLQ (an admin's move from the shared DLQ marks the copies so;
 * see the README, Broker), are shown or moved: a broker misconfigured to dead-letter another node's inbox there shows
 * none of that node's letters. Replaying one moves it back to the inbox in one broker transaction, with a fresh
 * duplicate-detection id (the original one is remembered by the broker, which would drop the copy); the node's own
 * duplicate check makes the replay harmless if it was stored meanwhile.
 */
@Singleton
public class DeadLetters {
    private final ConnectionFactory factory;
    private final String inbox;
    private final String queue;
    private final int maxBytes;

    public DeadLetters(ConnectionFactory factory, NodeConfig config) {
        this.factory = factory;
        this.inbox = BrokerNames.inbox(config.id());
        this.queue = BrokerNames.deadLetters(config.id());
        this.maxBytes = config.maxMessageBytes();
    }

    /** A dead-lettered message as operators see it: broker id, what its properties say, size. */
    public record DeadLetter(String brokerId, String messageId, String type, String from, String originalQueue,
                             Instant sentAt, long bytes) {
    }

    /** Criteria for listing; null means any. Peer and type are matched on what the view shows (see {@link #view}). */
    public record Filter(String peer, String type, Instant from, Instant to) {
        public static final Filter ANY = new Filter(null, null, null, null);

        boolean matches(DeadLetter letter) {
            return (peer == null || peer.equals(letter.from())) && (type == null || type.equals(letter.type()))
                    && (from == null || !letter.sentAt().isBefore(from)) && (to == null || letter.sentAt().isBefore(to));
        }
    }

    public List<DeadLetter> list(Filter filter, int page, int size) {
        return withSession(false, session -> {
            List<DeadLetter> result = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), mine())) {
                Enumeration<?> messages = browser.getEnumeration();
                long skip = (long) page * size;
                while (messages.hasMoreElements() && result.size() < size) {
                    DeadLetter letter = view((Message) messages.nextElement());
                    if (!filter.matches(letter) || skip-- > 0) {
                        continue;
                    }
                    result.add(letter);
                }
            }
            return result;
        });
    }

    /** How many of this node's dead letters are on its queue, counting at most {@code cap} (browsing, not consuming). */
    public int count(int cap) {
        return withSession(false, session -> {
            int count = 0;
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), mine())) {
                Enumeration<?> messages = browser.getEnumeration();
                while (count < cap && messages.hasMoreElements()) {
                    messages.nextElement();
                    count++;
                }
            }
            return count;
        });
    }

    public Optional<DeadLetter> find(String brokerId) {
        return browse(brokerId, this::view);
    }

    public Optional<byte[]> content(String brokerId) {
        return browse(brokerId, DeadLetters::body);
    }

    /** Moves one dead letter back to this node's inbox; false when it is not (or no longer) on its queue. */
    public boolean replay(String brokerId) {
        return withSession(true, session -> {
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), one(brokerId))) {
                Message message = consumer.receive(2000);
                if (message == null) {
                    session.rollback();
                    return false;
                }
                BytesMessage copy = session.createBytesMessage();
                copy.writeBytes(body(message));
                for (String property : Collections.list((Enumeration<String>) message.getPropertyNames())) {
                    if (property.startsWith("exn")) {
                        copy.setObjectProperty(property, message.getObjectProperty(property));
                    }
                }
                String id = message.getStringProperty(BrokerNames.MESSAGE_ID);
                copy.setStringProperty(BrokerNames.DUPLICATE_ID, DuplicateIds.forDeadLetterReplay(id, UUID.randomUUID()));
                session.createProducer(session.createQueue(inbox)).send(copy, DeliveryMode.PERSISTENT,
                        Message.DEFAULT_PRIORITY, 0);
                session.commit();
                return true;
            }
        });
    }

    private interface Reading<T> {
        T read(Message message) throws JMSException;
    }

    /** Reads one of this node's dead letters, while its session is open, without taking it off the queue. */
    private <T> Optional<T> browse(String brokerId, Reading<T> reading) {
        return withSession(false, session -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue), one(brokerId))) {
                Enumeration<?> messages = browser.getEnumeration();
                return messages.hasMoreElements() ? Optional.of(reading.read((Message) messages.nextElement()))
                        : Optional.empty();
            }
        });
    }

    private String mine() {
        return BrokerNames.ORIGINAL_QUEUE + " IN ('" + inbox + "', '" + BrokerNames.DEAD_LETTER_QUEUE + "')";
    }

    private String one(String brokerId) {
        if (!brokerId.matches("ID:[0-9A-Za-z:\\-]{1,100}")) {
            throw new ExchangeException(ErrorCode.FIELD_INVALID, "not a broker message id: '" + brokerId + "'");
        }
        return mine() + " AND JMSMessageID = '" + brokerId + "'";
    }

    /**
     * The view of a dead letter. A message put on the inbox by another client than a node carries no exn* properties:
     * its id and sender are then read from the envelope itself (unverified, for finding it; nothing is trusted).
     */
    private DeadLetter view(Message message) {
        try {
            String messageId = message.getStringProperty(BrokerNames.MESSAGE_ID);
            String from = message.getStringProperty(BrokerNames.FROM_NODE);
            if (messageId == null || from == null) {
                try {
                    EnvelopeCodec.Identity identity = EnvelopeCodec.readIdentity(SecureXml.parse(body(message), maxBytes));
                    messageId = messageId == null ? identity.messageId() : messageId;
                    from = from == null ? identity.from() : from;
                } catch (RuntimeException unreadable) {
                    // not an envelope: shown by its broker id only
                }
            }
            return new DeadLetter(message.getJMSMessageID(), messageId,
                    message.getStringProperty(BrokerNames.MESSAGE_TYPE), from,
                    message.getStringProperty(BrokerNames.ORIGINAL_QUEUE),
                    Instant.ofEpochMilli(message.getJMSTimestamp()),
                    message instanceof BytesMessage bytes ? bytes.getBodyLength() : 0);
        } catch (JMSException e) {
            throw unavailable(e);
        }
    }

    private static byte[] body(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            bytes.reset();
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        return new byte[0];
    }

    private interface Work<T> {
        T run(Session session) throws JMSException;
    }

    private <T> T withSession(boolean transacted, Work<T> work) {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            try (Session session = connection.createSession(transacted,
                    transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE)) {
                return work.run(session);
            }
        } catch (JMSException e) {
            throw unavailable(e);
        }
    }

    private static ExchangeException unavailable(JMSException e) {
        return new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "broker: " + e.getMessage(), e);
    }
}
