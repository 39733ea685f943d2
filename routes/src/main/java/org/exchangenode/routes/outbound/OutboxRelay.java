package org.exchangenode.routes.outbound;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.broker.BrokerSender;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.persistence.MessageStore;
import org.exchangenode.routes.persistence.OutboxEntry;
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
    private final ReentrantLock lock = new ReentrantLock();

    public OutboxRelay(MessageStore store, BrokerSender sender, NodeConfig config) {
        this.store = store;
        this.sender = sender;
        this.config = config.relay();
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
                List<String> ids = due.stream().map(OutboxEntry::messageId).toList();
                try {
                    sender.send(due.stream().map(e -> new BrokerSender.Outgoing(e.destination(), e.messageId(),
                            e.type(), e.from(), e.content())).toList());
                } catch (ExchangeException e) {
                    store.deferOutbox(ids, e.getMessage(), Instant.now().plus(config.retryDelay()));
                    LOG.warnf("relay: %d message(s) deferred by %s: %s", ids.size(), config.retryDelay(), e.getMessage());
                    return sent;
                }
                store.markSent(ids, Instant.now());
                sent += ids.size();
                if (due.size() < config.batchSize()) {
                    return sent;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
