package org.exchangenode.routes.outbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.DuplicateIds;
import org.exchangenode.core.exchange.RefusalPolicy;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.broker.BrokerSender;
import org.exchangenode.routes.config.OutboundConfig;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;
import org.exchangenode.routes.messages.MessageStore;
import org.jboss.logging.Logger;

/**
 * Moves outbox rows to the broker, a batch per broker transaction, and only then marks them SENT. A crash between
 * the two resends the batch with the same message ids, which the broker's duplicate detection and the receivers'
 * duplicate check absorb. One drain at a time per node instance.
 *
 * <p>Failures are per message: when the broker refuses a batch for something in it, its messages go one per
 * transaction, so that only the refused message waits (longer after each refusal) and ends FAILED with
 * BROKER_REFUSED after {@code node.relay.max-refusals}. Only a broker that cannot be reached holds back the batch.
 *
 * <p>Several instances of one node share the outbox: each batch is claimed first ({@link NodeInstance#claim}), so an
 * instance sends only rows no other instance holds, and records the outcome only for rows its claim still holds. The
 * rows of an instance killed mid-batch are taken over when its claim expires and sent again with the same duplicate
 * id, which the broker and the receiver absorb as after a crash.
 */
@Singleton
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private final MessageStore store;
    private final BrokerSender sender;
    private final OutboundConfig.Relay config;
    private final ResendPolicy policy;
    private final RefusalPolicy refusals;
    private final NodeInstance instance;
    private final ReentrantLock lock = new ReentrantLock();

    public OutboxRelay(MessageStore store, BrokerSender sender, OutboundConfig config, ResendPolicy policy,
                       NodeInstance instance) {
        this.store = store;
        this.instance = instance;
        this.sender = sender;
        this.config = config.relay();
        this.policy = policy;
        try {
            this.refusals = new RefusalPolicy(this.config.refusalDelay(), this.config.maxRefusalDelay(),
                    this.config.maxRefusals());
        } catch (IllegalArgumentException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.relay: " + e.getMessage(), e);
        }
    }

    private static BrokerSender.Outgoing outgoing(OutboxEntry entry) {
        return new BrokerSender.Outgoing(entry.destination(), entry.messageId(),
                DuplicateIds.forSend(entry.messageId(), entry.nextSend()), entry.type(), entry.from(), entry.content());
    }

    /** Business messages are watched for their Receipt; Receipts and Errors are not answered, so not watched. */
    private SentMessage sent(OutboxEntry entry, Instant now) {
        boolean business = MessageType.fromWireName(entry.type()).map(MessageType::business).orElse(false);
        return new SentMessage(entry.messageId(), entry.nextSend(),
                business ? now.plus(policy.waitAfter(entry.nextSend(), ThreadLocalRandom.current().nextDouble())) : null);
    }

    /** The messages of a batch the broker took, and whether it became unreachable before the end (the rest waits). */
    private record Outcome(List<OutboxEntry> taken, boolean unreachable) {
    }

    /**
     * After the broker refused a batch for something in it, sends its messages one per transaction: a message refused
     * alone as a duplicate is already at the broker and counts as sent; one refused alone for another reason is
     * recorded as refused. Stops at a broker that cannot be reached, deferring the rest.
     */
    private Outcome oneByOne(Claim claim, List<OutboxEntry> due) {
        List<OutboxEntry> taken = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            OutboxEntry entry = due.get(i);
            try {
                sender.send(List.of(outgoing(entry)));
            } catch (BrokerSender.DuplicateRefused e) {
                LOG.infof("relay: %s %s was already at the broker (sent before a restart or by another instance)",
                        entry.type(), entry.messageId());
            } catch (BrokerSender.Refused e) {
                refused(claim, entry, e);
                continue;
            } catch (ExchangeException e) {
                defer(claim, due.subList(i, due.size()), e);
                return new Outcome(taken, true);
            }
            taken.add(entry);
        }
        return new Outcome(taken, false);
    }

    /** The broker refused this message alone: try it again later, or, after the last allowed refusal, FAILED. */
    private void refused(Claim claim, OutboxEntry entry, BrokerSender.Refused e) {
        int refusal = entry.refusals() + 1;
        Instant now = Instant.now();
        if (refusals.exhausted(refusal)) {
            store.refuseOutbox(claim, entry.messageId(), refusal, e.reason(), null, now);
            LOG.errorf("relay: %s %s FAILED (%s): refused by the broker %d times: %s", entry.type(), entry.messageId(),
                    ErrorCode.BROKER_REFUSED, refusal, e.reason());
        } else {
            Duration wait = refusals.waitAfter(refusal);
            store.refuseOutbox(claim, entry.messageId(), refusal, e.reason(), now.plus(wait), now);
            LOG.warnf("relay: %s %s refused by the broker (%d of %d), next try in %s: %s", entry.type(),
                    entry.messageId(), refusal, refusals.maxRefusals(), wait, e.reason());
        }
    }

    private void defer(Claim claim, List<OutboxEntry> entries, ExchangeException e) {
        store.deferOutbox(claim, entries.stream().map(OutboxEntry::messageId).toList(), e.getMessage(),
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
                Instant claimed = Instant.now();
                Claim claim = instance.claim(claimed);
                List<OutboxEntry> due = store.claimOutbox(claim, claimed, config.batchSize());
                if (due.isEmpty()) {
                    return sent;
                }
                Outcome outcome;
                try {
                    sender.send(due.stream().map(OutboxRelay::outgoing).toList());
                    outcome = new Outcome(due, false);
                } catch (BrokerSender.Refused e) {
                    if (due.size() == 1) {
                        refused(claim, due.get(0), e);
                        outcome = new Outcome(List.of(), false);
                    } else {
                        outcome = oneByOne(claim, due);
                    }
                } catch (BrokerSender.DuplicateRefused e) {
                    outcome = oneByOne(claim, due);
                } catch (ExchangeException e) {
                    defer(claim, due, e);
                    return sent;
                }
                if (!outcome.taken().isEmpty()) {
                    Instant now = Instant.now();
                    store.markSent(claim, outcome.taken().stream().map(e -> sent(e, now)).toList(), now);
                    sent += outcome.taken().size();
                }
                if (outcome.unreachable() || due.size() < config.batchSize()) {
                    return sent;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
