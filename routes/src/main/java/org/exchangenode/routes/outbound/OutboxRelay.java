package org.exchangenode.routes.outbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>The rows this instance stores itself come to the relay in memory ({@link OutboxHandover}), written already
 * claimed: a wake sends them without reading the table, and reads the table only when a store asked for it (a row
 * written without the hand-over: the queue was full, a resend, a replay, an Error for a quarantined message). The
 * timer's drain always reads the table, which also finds the rows whose claims expired.
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
    private final OutboxHandover handover;
    private final ReentrantLock lock = new ReentrantLock();

    public OutboxRelay(MessageStore store, BrokerSender sender, OutboundConfig config, ResendPolicy policy,
                       NodeInstance instance, OutboxHandover handover) {
        this.store = store;
        this.instance = instance;
        this.handover = handover;
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

    /** The messages of a batch the broker took, and why it became unreachable before the end (the rest waits). */
    private record Outcome(List<OutboxEntry> taken, ExchangeException unreachable) {
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
                return new Outcome(taken, e);
            }
            taken.add(entry);
        }
        return new Outcome(taken, null);
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

    /** Sends everything due, reading the table; returns how many messages the broker took. */
    public int drain() {
        return drain(true);
    }

    /**
     * Sends the rows handed over since the last drain, after the table's due rows when {@code poll} or when a store
     * wrote a row without handing it over (the table first, so that a row that found the queue full does not wait
     * behind those stored after it). Returns how many messages the broker took.
     */
    public int drain(boolean poll) {
        lock.lock();
        try {
            int sent = 0;
            if (handover.takePollRequest() || poll) {
                Sent polled = drainTable();
                sent += polled.count();
                if (polled.unreachable() != null) {
                    deferHanded(polled.unreachable());
                    return sent;
                }
            }
            Sent handed = drainHanded();
            return sent + handed.count();
        } finally {
            lock.unlock();
        }
    }

    /** How many messages the broker took, and why it could not be reached if it could not (what was left waits). */
    private record Sent(int count, ExchangeException unreachable) {
    }

    private Sent drainTable() {
        int sent = 0;
        while (true) {
            Instant claimed = Instant.now();
            Claim claim = instance.claim(claimed);
            List<OutboxEntry> due = store.claimOutbox(claim, claimed, config.batchSize());
            if (due.isEmpty()) {
                return new Sent(sent, null);
            }
            Sent batch = send(claim, due);
            sent += batch.count();
            if (batch.unreachable() != null || due.size() < config.batchSize()) {
                return new Sent(sent, batch.unreachable());
            }
        }
    }

    /**
     * Sends the handed-over rows, a batch per claim they were written with. A row whose claim no longer holds is
     * left to the table's poll, which takes it over once the claim has expired.
     */
    private Sent drainHanded() {
        int sent = 0;
        List<OutboxHandover.Handed> handed;
        while (!(handed = handover.take(config.batchSize())).isEmpty()) {
            ExchangeException unreachable = null;
            for (Map.Entry<Claim, List<OutboxEntry>> batch : byClaim(handed, Instant.now()).entrySet()) {
                if (unreachable != null) {
                    defer(batch.getKey(), batch.getValue(), unreachable);
                    continue;
                }
                Sent outcome = send(batch.getKey(), batch.getValue());
                sent += outcome.count();
                unreachable = outcome.unreachable();
            }
            if (unreachable != null) {
                deferHanded(unreachable);
                return new Sent(sent, unreachable);
            }
        }
        return new Sent(sent, null);
    }

    /** The handed rows whose claim holds at {@code now}, by claim in the order handed. */
    private Map<Claim, List<OutboxEntry>> byClaim(List<OutboxHandover.Handed> handed, Instant now) {
        Map<Claim, List<OutboxEntry>> batches = new LinkedHashMap<>();
        for (OutboxHandover.Handed row : handed) {
            if (row.claim().holdsAt(now)) {
                batches.computeIfAbsent(row.claim(), c -> new ArrayList<>()).add(row.entry());
            } else {
                // free for any instance now: the next drain reads the table
                handover.requestPoll();
                LOG.debugf("relay: %s %s waited longer than its claim; the outbox poll sends it", row.entry().type(),
                        row.entry().messageId());
            }
        }
        return batches;
    }

    /** The broker cannot be reached: every handed row waits for the retry delay, released from its claim. */
    private void deferHanded(ExchangeException unreachable) {
        List<OutboxHandover.Handed> handed;
        while (!(handed = handover.take(config.batchSize())).isEmpty()) {
            byClaim(handed, Instant.now()).forEach((claim, entries) -> defer(claim, entries, unreachable));
        }
    }

    /** Sends one claimed batch and records the outcome through its claim. */
    private Sent send(Claim claim, List<OutboxEntry> due) {
        Outcome outcome;
        try {
            sender.send(due.stream().map(OutboxRelay::outgoing).toList());
            outcome = new Outcome(due, null);
        } catch (BrokerSender.Refused e) {
            if (due.size() == 1) {
                refused(claim, due.get(0), e);
                outcome = new Outcome(List.of(), null);
            } else {
                outcome = oneByOne(claim, due);
            }
        } catch (BrokerSender.DuplicateRefused e) {
            outcome = oneByOne(claim, due);
        } catch (ExchangeException e) {
            defer(claim, due, e);
            return new Sent(0, e);
        }
        if (!outcome.taken().isEmpty()) {
            Instant now = Instant.now();
            store.markSent(claim, outcome.taken().stream().map(e -> sent(e, now)).toList(), now);
        }
        return new Sent(outcome.taken().size(), outcome.unreachable());
    }
}
