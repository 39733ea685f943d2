package org.exchangenode.routes.outbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.core.text.Redaction;
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

    /**
     * After the broker refused a batch for a duplicate id, sends its messages one per transaction: a message refused
     * alone as a duplicate is already at the broker and counts as sent. Stops at the first other failure, deferring
     * the rest. Returns the messages now at the broker.
     */
    private List<OutboxEntry> oneByOne(List<OutboxEntry> due) {
        List<OutboxEntry> taken = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            OutboxEntry entry = due.get(i);
            try {
                sender.send(List.of(outgoing(entry)));
            } catch (BrokerSender.DuplicateRefused e) {
                LOG.infof("relay: %s %s was already at the broker (sent before a restart or by another instance)",
                        entry.type(), entry.messageId());
            } catch (ExchangeException e) {
                defer(due.subList(i, due.size()), e);
                return taken;
            }
            taken.add(entry);
        }
        return taken;
    }

    private void defer(List<OutboxEntry> entries, ExchangeException e) {
        store.deferOutbox(entries.stream().map(OutboxEntry::messageId).toList(), e.getMessage(),
                Instant.now().plus(config.retryDelay()));
        LOG.warnf("relay: %d message(s) deferred by %s: %s", entries.size(), config.retryDelay(),
                escape(Redaction.text(e.getMessage())));
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
                List<OutboxEntry> taken;
                try {
                    sender.send(due.stream().map(OutboxRelay::outgoing).toList());
                    taken = due;
                } catch (BrokerSender.DuplicateRefused e) {
                    taken = oneByOne(due);
                } catch (ExchangeException e) {
                    defer(due, e);
                    return sent;
                }
                Instant now = Instant.now();
                store.markSent(taken.stream().map(e -> sent(e, now)).toList(), now);
                sent += taken.size();
                if (taken.size() < due.size() || due.size() < config.batchSize()) {
                    return sent;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
