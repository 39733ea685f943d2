package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.DuplicateCheck;
import org.exchangenode.core.exchange.InboundChecker;
import org.exchangenode.core.exchange.InboundResult;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.Replies;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.cases.CaseChange;
import org.exchangenode.routes.cases.Cases;
import org.exchangenode.routes.jdbc.GroupCommit;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.MessageWrite;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.outbound.OutboundMessages;
import org.jboss.logging.Logger;

/**
 * What happens to a document taken from this node's inbox. It returns only once the outcome is durable (stored,
 * or quarantined), so the broker acknowledgement that follows never loses a message; a database failure escapes
 * as a transient exception and the broker redelivers.
 *
 * <ul>
 *   <li>a business message: stored once with its change to the case, answered with a signed Receipt every time it
 *       arrives ({@link DuplicateCheck});</li>
 *   <li>a Receipt, Error, Ping or Pong: {@link InboundTransport};</li>
 *   <li>anything refused by a check, its case or a protocol rule: {@link InboundRefusals}.</li>
 * </ul>
 *
 * <p>The inbox consumer may call it inside a {@link GroupCommit} with other messages: what it counts, logs or wakes
 * waits for the commit, so that a group rolled back and delivered again is not counted twice.
 */
@Singleton
public class InboundHandler {
    private static final Logger LOG = Logger.getLogger(InboundHandler.class);
    private final InboundChecker checker;
    private final Replies replies;
    private final MessageStore store;
    private final MessageMetrics metrics;
    private final OutboundMessages outbound;
    private final Cases cases;
    private final InboundTransport transport;
    private final InboundRefusals refusals;

    public InboundHandler(InboundChecker checker, Replies replies, MessageStore store, MessageMetrics metrics,
                          OutboundMessages outbound, Cases cases, InboundTransport transport, InboundRefusals refusals) {
        this.checker = checker;
        this.replies = replies;
        this.store = store;
        this.metrics = metrics;
        this.outbound = outbound;
        this.cases = cases;
        this.transport = transport;
        this.refusals = refusals;
    }

    public void handle(byte[] bytes) {
        long start = System.nanoTime();
        String type = process(bytes, refusals::quarantine);
        // a transient failure escapes before this line: the message goes back to the broker and is timed when handled
        long took = System.nanoTime() - start;
        GroupCommit.afterCommit(() -> metrics.inboundHandled(type, took));
    }

    /**
     * Processes a quarantined document again, as if it had just arrived (stored and receipted, or applied as a
     * Receipt or Error), without quarantining or answering it again if it still fails.
     *
     * @throws StillRefused naming the check that still fails; nothing is stored then
     */
    public void reprocess(byte[] bytes) {
        process(bytes, (rejected, ignored) -> {
            throw new StillRefused(rejected);
        });
    }

    /** Returns the type handled, as the metrics name it: the header's type, or {@code refused} before it was trusted. */
    private String process(byte[] bytes, RefusalSink sink) {
        InboundResult result = checker.check(bytes);
        String type = "refused";
        if (result instanceof InboundResult.Rejected rejected) {
            sink.refuse(rejected, bytes);
        } else {
            InboundResult.Accepted accepted = (InboundResult.Accepted) result;
            type = accepted.envelope().header().type().wireName();
            switch (accepted.envelope().header().type()) {
                case RECEIPT -> transport.receipt(accepted, bytes, sink);
                case ERROR -> transport.error(accepted, bytes, sink);
                case PING -> transport.ping(accepted);
                case PONG -> transport.pong(accepted);
                default -> business(accepted, bytes, sink);
            }
        }
        GroupCommit.afterCommit(outbound::wakeRelay);
        return type;
    }

    private void business(InboundResult.Accepted accepted, byte[] bytes, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        Optional<StoredMessage> existing = store.find(header.messageId());
        if (existing.isPresent()) {
            duplicate(accepted, bytes, existing.get(), sink);
            return;
        }
        CaseChange caseChange;
        try {
            caseChange = cases.onInbound(header, accepted.facts());
        } catch (ExchangeException e) {
            sink.refuse(e, header, bytes);
            return;
        }
        SignedMessage receipt = replies.receipt(header, accepted.contentDigest());
        boolean stored;
        try {
            stored = store.storeInbound(MessageWrite.inbound(Messages.received(accepted, bytes), Messages.of(receipt,
                    Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox(header.from())).withCase(caseChange));
        } catch (ExchangeException e) {
            // the database refused the case (another letter opened it a moment ago): nothing was stored
            sink.refuse(e, header, bytes);
            return;
        }
        if (!stored) {
            // another consumer stored it a moment ago
            duplicate(accepted, bytes, store.find(header.messageId()).orElseThrow(), sink);
            return;
        }
        GroupCommit.afterCommit(() -> {
            metrics.status(Direction.INBOUND, header.type().wireName(), MessageStatus.RECEIVED);
            metrics.status(Direction.OUTBOUND, MessageType.RECEIPT.wireName(), MessageStatus.STORED);
            LOG.infof("%s %s (case %s) from %s stored and receipted", header.type().wireName(),
                    escape(header.messageId()), escape(header.conversationId()), escape(header.from()));
        });
    }

    private void duplicate(InboundResult.Accepted accepted, byte[] bytes, StoredMessage existing, RefusalSink sink) {
        EnvelopeHeader header = accepted.envelope().header();
        Optional<InboundResult.Rejected> conflict = DuplicateCheck.conflict(header, accepted.contentDigest(),
                existing.known());
        if (conflict.isPresent()) {
            sink.refuse(conflict.get(), bytes);
            return;
        }
        store.recordDuplicate(header.messageId(), Messages.of(replies.receipt(header, accepted.contentDigest()),
                Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox(header.from()));
        GroupCommit.afterCommit(() -> {
            metrics.duplicate(header.type().wireName());
            LOG.infof("%s %s from %s was already stored: duplicate suppressed, receipted again",
                    header.type().wireName(), escape(header.messageId()), escape(header.from()));
        });
    }
}
