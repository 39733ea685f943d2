package org.exchangenode.routes.outbound;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.ResendPolicy;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.jboss.logging.Logger;

/**
 * Business messages whose Receipt is overdue are sent again with the same message id (the receiver answers a
 * duplicate with its Receipt again), until the resend policy's last send; then they become FAILED with
 * RECEIPT_TIMEOUT, visible to operators. Every time-out is recorded with the message's send attempts.
 */
@Singleton
public class ReceiptWatch {
    private static final Logger LOG = Logger.getLogger(ReceiptWatch.class);
    private static final int BATCH = 200;
    private final MessageStore store;
    private final ResendPolicy policy;
    private final MessageMetrics metrics;
    private final OutboundMessages outbound;

    public ReceiptWatch(MessageStore store, ResendPolicy policy, MessageMetrics metrics, OutboundMessages outbound) {
        this.store = store;
        this.policy = policy;
        this.metrics = metrics;
        this.outbound = outbound;
    }

    /** Handles every overdue message; returns how many were queued again. */
    public int check() {
        int resent = 0;
        List<OverdueMessage> overdue;
        do {
            Instant now = Instant.now();
            overdue = store.overdueReceipts(now, BATCH);
            for (OverdueMessage message : overdue) {
                if (policy.exhausted(message.sendCount())) {
                    String reason = "no Receipt from " + message.to() + " after " + message.sendCount() + " send(s)";
                    if (store.failUndelivered(message, reason, now)) {
                        metrics.status(Direction.OUTBOUND, message.type(), MessageStatus.FAILED);
                        LOG.warnf("%s %s FAILED: %s", message.type(), message.messageId(), reason);
                    }
                } else if (store.resend(message, BrokerNames.inbox(message.to()), now)) {
                    metrics.resend(message.type());
                    LOG.infof("%s %s: no Receipt from %s after send %d, sending again", message.type(),
                            message.messageId(), message.to(), message.sendCount());
                    resent++;
                }
            }
        } while (overdue.size() == BATCH);
        if (resent > 0) {
            outbound.wakeRelay();
        }
        return resent;
    }
}
