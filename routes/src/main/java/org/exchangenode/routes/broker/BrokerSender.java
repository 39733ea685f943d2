package org.exchangenode.routes.broker;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.RefusalPolicy;
import org.exchangenode.core.text.Redaction;
import org.jboss.logging.Logger;

/**
 * Puts signed messages on peers' inbox queues: persistent, with the message id as the Artemis duplicate-detection
 * id, and a batch per broker transaction (one journal sync for the batch instead of one per message). Sessions are
 * pooled; a session that failed is discarded and the connection rebuilt on next use.
 */
@Singleton
public class BrokerSender {
    private static final Logger LOG = Logger.getLogger(BrokerSender.class);
    private static final int SESSIONS = 4;

    private final ConnectionFactory factory;
    private final BlockingQueue<Channel> idle = new ArrayBlockingQueue<>(SESSIONS);
    private Connection connection;

    /**
     * One message for the wire. {@code duplicateId} is what the broker deduplicates on ({@code DuplicateIds}), so that
     * a crash-resend of one send is dropped by the broker but a deliberate resend reaches the receiver.
     */
    public record Outgoing(String destination, String messageId, String duplicateId, String type, String from,
                           byte[] bytes) {
    }

    private record Channel(Session session, MessageProducer producer) {
    }

    public BrokerSender(ConnectionFactory factory) {
        this.factory = factory;
    }

    /**
     * Sends all messages in one broker transaction. Throws {@link DuplicateRefused} or {@link Refused} when the broker
     * answered but did not take the batch because of a message in it, and a transient failure when the broker could
     * not be reached (nothing was taken either way).
     */
    public void send(List<Outgoing> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Channel channel;
        try {
            channel = take();
        } catch (JMSException | RuntimeException e) {
            // no session at all: the broker is down or refuses this node as a whole, never one message
            throw unavailable(batch, e);
        }
        try {
            for (Outgoing out : batch) {
                BytesMessage message = channel.session().createBytesMessage();
                message.writeBytes(out.bytes());
                message.setStringProperty(BrokerNames.DUPLICATE_ID, out.duplicateId());
                message.setStringProperty(BrokerNames.MESSAGE_ID, out.messageId());
                message.setStringProperty(BrokerNames.MESSAGE_TYPE, out.type());
                message.setStringProperty(BrokerNames.FROM_NODE, out.from());
                channel.producer().send(channel.session().createQueue(out.destination()), message,
                        DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            }
            channel.session().commit();
            idle.offer(channel);
        } catch (JMSException | RuntimeException e) {
            discard(channel);
            if (duplicate(e)) {
                throw new DuplicateRefused(batch.size(), e);
            }
            if (connectionLost(e)) {
                throw unavailable(batch, e);
            }
            throw new Refused(batch.size(), e);
        }
    }

    private static ExchangeException unavailable(List<Outgoing> batch, Exception e) {
        return new ExchangeException(ErrorCode.TRANSIENT_FAILURE, "broker did not take " + batch.size()
                + " message(s): " + e.getMessage(), e);
    }

    /**
     * The broker refused the whole transaction because a message in it carries a duplicate id it has already routed:
     * that message is at the broker already (sent before a crash, or by another instance of this node), the others
     * were not sent.
     */
    public static final class DuplicateRefused extends ExchangeException {
        DuplicateRefused(int size, Exception cause) {
            super(ErrorCode.TRANSIENT_FAILURE, "broker refused a transaction of " + size + " message(s): a message in it "
                    + "was already routed (duplicate id)", cause);
        }
    }

    /**
     * The broker answered and refused the transaction for a message in it (no permission to send to its address, the
     * address not set up, the address full, ...), not for a duplicate id; none of the batch was taken. Sent alone, the
     * refused message is the one refused. {@link #reason()} is the broker's reason, escaped and bounded.
     */
    public static final class Refused extends ExchangeException {
        private final String reason;

        Refused(int size, Exception cause) {
            this(RefusalPolicy.reason(deepestMessage(cause)), size, cause);
        }

        private Refused(String reason, int size, Exception cause) {
            super(ErrorCode.BROKER_REFUSED, "broker refused a transaction of " + size + " message(s): " + reason, cause);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** Failures of the connection, not of a message: the broker went away, a call timed out, a fail-over happened. */
    private static final Set<ActiveMQExceptionType> CONNECTION_LOST = EnumSet.of(ActiveMQExceptionType.NOT_CONNECTED,
            ActiveMQExceptionType.CONNECTION_TIMEDOUT, ActiveMQExceptionType.DISCONNECTED,
            ActiveMQExceptionType.UNBLOCKED, ActiveMQExceptionType.OBJECT_CLOSED, ActiveMQExceptionType.IO_ERROR,
            ActiveMQExceptionType.SESSION_CREATION_REJECTED, ActiveMQExceptionType.TRANSACTION_OUTCOME_UNKNOWN,
            ActiveMQExceptionType.REMOTE_DISCONNECT, ActiveMQExceptionType.SHUTDOWN_ERROR,
            ActiveMQExceptionType.REPLICATION_TIMEOUT_ERROR, ActiveMQExceptionType.TIMEOUT_EXCEPTION);

    /**
     * Whether the send failed because the connection did (the whole batch waits) rather than because the broker
     * refused something in it. A transaction rolled back by a fail-over is a connection failure too.
     */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQException amq && (CONNECTION_LOST.contains(amq.getType())
                    || amq.getType() == ActiveMQExceptionType.TRANSACTION_ROLLED_BACK
                    && String.valueOf(amq.getMessage()).contains("failover"))) {
                return true;
            }
            if (t instanceof jakarta.jms.IllegalStateException) {
                return true; // the session or connection was closed under the send
            }
        }
        return false;
    }

    /** The most specific text in the chain: the innermost cause that has one. */
    private static String deepestMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQException amq && amq.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("Duplicate message detected")) {
                return true;
            }
        }
        return false;
    }

    private Channel take() throws JMSException {
        Channel channel = idle.poll();
        if (channel != null) {
            return channel;
        }
        Session session = connection().createSession(true, Session.SESSION_TRANSACTED);
        return new Channel(session, session.createProducer(null));
    }

    private synchronized Connection connection() throws JMSException {
        if (connection == null) {
            connection = factory.createConnection();
            connection.setExceptionListener(e -> {
                LOG.warnf("broker connection failed: %s", escape(Redaction.text(e.getMessage())));
                resetConnection();
            });
            connection.start();
        }
        return connection;
    }

    private synchronized void resetConnection() {
        idle.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // already broken
            }
            connection = null;
        }
    }

    private void discard(Channel channel) {
        if (channel != null) {
            try {
                channel.session().close();
            } catch (JMSException ignored) {
                // the session is being thrown away because it failed
            }
        }
    }

    @PreDestroy
    void close() {
        resetConnection();
    }
}
