package org.exchangenode.routes.outbound;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.routes.broker.BrokerSender;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.persistence.MessageStore;
import org.exchangenode.routes.persistence.OutboxEntry;
import org.exchangenode.routes.persistence.SentMessage;
import org.jboss.logging.Logger;

/**
 * Moves outbox rows to the broker, a batch per broker transaction, and only then marks them SENT. A crash between
 * the two resends the batch with the same message ids, which the broker's duplicate detection and the receivers'
 * duplicate check absorb. One drain at a time per node instance.
 */
@Singleton
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private final MessageStore store;
    private final BrokerSender sender;
    private final NodeConfig.Relay config;
    private final ResendPolicy policy;
    private final ReentrantLock lock = new ReentrantLock();

    public OutboxRelay(MessageStore store, BrokerSender sender, NodeConfig config, ResendPolicy policy) {
        this.store = store;
        this.sender = sender;
        this.config = config.relay();
        this.policy = policy;
    }

    private static BrokerSender.Outgoing outgoing(OutboxEntry entry) {
        String duplicateId = entry.nextSend() == 1 ? entry.messageId() : entry.messageId() + "#" + entry.nextSend();
        return new BrokerSender.Outgoing(entry.destination(), entry.messageId(), duplicateId, entry.type(),
                entry.from(), entry.content());
    }

    /** Business messages are watched for their Receipt; Receipts and Errors are not answered, so not watched. */
    private SentMessage sent(OutboxEntry entry, Instant now) {
        boolean business = MessageType.fromWireName(entry.type()).map(MessageType::business).orElse(false);
        return new SentMessage(entry.messageId(), entry.nextSend(),
                business ? now.plus(policy.waitAfter(entry.nextSend(), ThreadLocalRandom.current().nextDouble())) : null);
    }

    /** Sends everything due; returns how many messages the broker took. */
    public int drain() {
        lock.lock();
        try {
            int sent = 0;
            while (true) {
                List<OutboxEntry> due = store.dueOutbox(Instant.now(), config.batchSize());
                if (due.isEmpty()) {
                    return sent;
                }
                try {
                    sender.send(due.stream().map(OutboxRelay::outgoing).toList());
                } catch (ExchangeException e) {
                    store.deferOutbox(due.stream().map(OutboxEntry::messageId).toList(), e.getMessage(),
                            Instant.now().plus(config.retryDelay()));
                    LOG.warnf("relay: %d message(s) deferred by %s: %s", due.size(), config.retryDelay(), e.getMessage());
                    return sent;
                }
                Instant now = Instant.now();
                store.markSent(due.stream().map(e -> sent(e, now)).toList(), now);
                sent += due.size();
                if (due.size() < config.batchSize()) {
                    return sent;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
