package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.config.BrokerConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.jdbc.GroupCommit;
import org.exchangenode.routes.messages.MessageMetrics;
import org.jboss.logging.Logger;

/**
 * Consumes this node's inbox with {@code node.broker.consumers} threads, each in a local broker transaction that is
 * committed only after the handler has returned for every message it took, that is after they are stored or
 * quarantined. A transient failure rolls the broker transaction back and the broker redelivers with backoff, then
 * dead-letters (the address settings of the broker).
 *
 * <p><b>Group commit.</b> When the inbox is behind (a message waited on the broker for more than {@value #BEHIND_MS}
 * ms), the consumer takes up to {@code node.broker.inbox-group} (16; 1 turns grouping off) of the messages waiting
 * in its buffer and stores them in one database transaction ({@link GroupCommit}) and one broker transaction: one
 * commit of each for several letters, where each costs a page write on H2, a WAL flush on PostgreSQL and a journal
 * write on the broker. A lone message, the usual case below capacity, is handled exactly as before, in transactions
 * of its own. The group is all or nothing: when one of its messages fails, every one goes back to the broker. A
 * message the broker delivers again is therefore never grouped: it is handled in database transactions of its own,
 * before the group it came with, so a message that keeps failing costs its former companions one delivery attempt
 * each, once.
 */
@Singleton
public class InboxConsumers {
    private static final Logger LOG = Logger.getLogger(InboxConsumers.class);
    /** How long a receive waits before it looks whether the node is stopping. */
    private static final long RECEIVE_WAIT_MS = 500;
    /** How long a consumer that is behind waits for a next message to join the group (in its own buffer). */
    private static final long GATHER_WAIT_MS = 1;
    /** A message that waited this long on the broker says the inbox is behind: the consumer groups. */
    private static final long BEHIND_MS = 50;
    /** After a lost connection or a failed broker commit, the consumer connects again this much later. */
    private static final long RECOVERY_MS = 1000;
    /** How long a stopping node waits for its consumers to finish the messages in hand. */
    private static final long STOP_WAIT_S = 10;
    private final ConnectionFactory factory;
    private final InboundHandler handler;
    private final GroupCommit groups;
    private final MessageMetrics metrics;
    private final String inbox;
    private final int consumers;
    /** The most messages stored in one transaction: what the audit head's lock is held across is bounded too. */
    private final int maxGroup;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public InboxConsumers(ConnectionFactory factory, InboundHandler handler, GroupCommit groups,
                          MessageMetrics metrics, NodeConfig node, BrokerConfig broker) {
        this.factory = factory;
        this.handler = handler;
        this.groups = groups;
        this.metrics = metrics;
        this.inbox = BrokerNames.inbox(node.id());
        this.consumers = broker.consumers();
        this.maxGroup = broker.inboxGroup();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < consumers; i++) {
            Thread thread = new Thread(this::consume, "exn-inbox-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Early in the shutdown (before the database and the embedded broker close): the messages in hand are finished,
     * for up to {@value #STOP_WAIT_S} s in all. What is not finished by then was not acknowledged: the broker delivers
     * it again.
     */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_S);
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                thread.join(left);
            }
        }
    }

    private void consume() {
        while (running) {
            try (Connection connection = factory.createConnection()) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(inbox));
                connection.start();
                while (running) {
                    Message first = consumer.receive(RECEIVE_WAIT_MS);
                    if (first != null) {
                        handle(session, consumer, first);
                    }
                }
            } catch (JMSException | RuntimeException | Error e) {
                if (running) {
                    LOG.warnf("the inbox consumer lost its broker session; it connects again in %d ms: %s",
                            RECOVERY_MS, escape(Redaction.text(e.getMessage())));
                    pause();
                }
            }
        }
    }

    /**
     * Whether the inbox is behind: {@code message} waited on the broker longer than {@value #BEHIND_MS} ms since it
     * was sent (its sender's clock; a skewed one only makes grouping more or less eager). Below capacity a message is
     * handled within a few milliseconds and alone, exactly as without groups, so grouping adds no latency there.
     */
    private static boolean behind(Message message) {
        try {
            long sent = message.getJMSTimestamp();
            return sent > 0 && System.currentTimeMillis() - sent > BEHIND_MS;
        } catch (JMSException e) {
            return false;
        }
    }

    /**
     * Takes {@code first}, and when the inbox is behind what the consumer's buffer holds already or receives within
     * {@value #GATHER_WAIT_MS} ms, up to {@code node.broker.inbox-group}; handles them and commits the broker
     * transaction. On a failure it rolls the transaction back, so that the broker delivers every message of it again.
     * Messages delivered again go first, each alone; the rest in one group.
     *
     * <p>Each document is read as its message is taken, before the next receive: Artemis streams a large message (over
     * 100 KiB) and discards what was not read of it when the consumer receives again. Not receiveNoWait: on an empty
     * buffer Artemis makes that a round trip to the broker (a forced delivery); a receive with a timeout only looks at
     * the buffer.
     */
    private void handle(Session session, MessageConsumer consumer, Message first) throws JMSException {
        List<Message> taken = new ArrayList<>();
        taken.add(first);
        try {
            List<byte[]> fresh = new ArrayList<>();
            take(first, fresh);
            if (maxGroup > 1 && behind(first)) {
                Message next;
                while (taken.size() < maxGroup && (next = consumer.receive(GATHER_WAIT_MS)) != null) {
                    taken.add(next);
                    take(next, fresh);
                }
            }
            if (fresh.size() == 1) {
                handler.handle(fresh.get(0));
            } else if (!fresh.isEmpty()) {
                groups.run(() -> fresh.forEach(handler::handle));
            }
        } catch (RuntimeException | Error e) {
            // an Error too (a stack overflow in a handler, say): the thread must live on, the messages come again
            for (Message message : taken) {
                metrics.inboundRetry();
                logRetry(message, e);
            }
            session.rollback();
            return;
        }
        // a failed commit (a broker pair failing over) throws: the messages come again, and find themselves stored
        session.commit();
        metrics.inboundCommitted(taken.size());
    }

    /** Handles a message delivered again now, alone; adds a fresh one's document to those handled together. */
    private void take(Message message, List<byte[]> fresh) throws JMSException {
        byte[] document = body(message);
        if (message.getJMSRedelivered()) {
            handler.handle(document);
        } else {
            fresh.add(document);
        }
    }

    /**
     * The document a message carries: the bytes of a BytesMessage (what nodes send), the UTF-8 of a TextMessage. Any
     * other kind fails as a transient failure, so the broker dead-letters it after its attempts: nothing is lost.
     */
    static byte[] body(Message message) {
        try {
            if (message instanceof BytesMessage) {
                byte[] bytes = message.getBody(byte[].class);
                return bytes == null ? new byte[0] : bytes;
            }
            if (message instanceof TextMessage text) {
                String body = text.getText();
                return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            }
            throw new MessageFormatException("a message of another kind than bytes or text");
        } catch (JMSException e) {
            throw new IllegalStateException("the inbox message's body could not be read: " + e.getMessage(), e);
        }
    }

    /** The message id is a broker property any client could set: escaped, like the exception's text. */
    private static void logRetry(Message message, Throwable e) {
        String id;
        try {
            id = message.getStringProperty(BrokerNames.MESSAGE_ID);
        } catch (JMSException | RuntimeException unreadable) {
            id = null;
        }
        LOG.warnf("inbound message %s not processed, the broker will redeliver it: %s", escape(id),
                escape(Redaction.text(e.getMessage())));
    }

    private static void pause() {
        try {
            Thread.sleep(RECOVERY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
