package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.InboundResult;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.Replies;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.jdbc.GroupCommit;
import org.exchangenode.routes.messages.MessageMetrics;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.routes.operations.QuarantineRecord;
import org.jboss.logging.Logger;

/**
 * Quarantines a document refused from the inbox, with its size and SM3 digest and what of it is kept
 * ({@link InboundResult.Rejected#kept}), in one transaction with the signed Error that answers it where one may go
 * ({@link Replies#withheld}); otherwise the record says why none went.
 */
@Singleton
public class InboundRefusals {
    private static final Logger LOG = Logger.getLogger(InboundRefusals.class);
    private final Replies replies;
    private final PeerDirectory directory;
    private final MessageStore store;
    private final MessageMetrics metrics;

    public InboundRefusals(Replies replies, PeerDirectory directory, MessageStore store, MessageMetrics metrics) {
        this.replies = replies;
        this.directory = directory;
        this.store = store;
        this.metrics = metrics;
    }

    public void quarantine(InboundResult.Rejected rejected, byte[] bytes) {
        Optional<String> withheld = Replies.withheld(rejected, directory::isPeer);
        SignedMessage error = withheld.isEmpty() ? replies.error(rejected) : null;
        QuarantineRecord record = new QuarantineRecord(QuarantineRecord.newId(), rejected.messageId(),
                rejected.claimedSender(), rejected.type(), rejected.code().name(), rejected.reason(),
                OffsetDateTime.now(ZoneOffset.UTC), error == null ? null : error.header().messageId(),
                withheld.orElse(null), bytes.length, AuditChain.sm3Hex(bytes));
        store.quarantine(record, rejected.kept(bytes),
                error == null ? null : Messages.of(error, Direction.OUTBOUND, MessageStatus.STORED),
                error == null ? null : BrokerNames.inbox(rejected.claimedSender()));
        GroupCommit.afterCommit(() -> {
            metrics.quarantined(rejected.code().name());
            if (error != null) {
                metrics.status(Direction.OUTBOUND, MessageType.ERROR.wireName(), MessageStatus.STORED);
            } else {
                metrics.quarantinedUnanswered(rejected.code().name());
            }
            LOG.warnf("quarantined %s %s claimed from %s: %s %s%s", escape(rejected.type()),
                    escape(rejected.messageId()), escape(rejected.claimedSender()), rejected.code(),
                    escape(rejected.reason()), error == null ? " (not answered: " + withheld.get() + ")"
                            : " (answered with Error " + error.header().messageId() + ")");
        });
    }
}
