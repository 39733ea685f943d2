package org.exchangenode.routes.broker;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQInternalErrorException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.filter.impl.FilterImpl;
import org.apache.activemq.artemis.core.postoffice.Binding;
import org.apache.activemq.artemis.core.postoffice.QueueBinding;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerQueuePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker plugin that gives every node inbox on the broker its own dead-letter queue, as
 * {@code config/broker/broker.xml} declares them for the network broker: for a queue {@code node.<id>.inbox} it creates
 * {@code node.<id>.dlq} and adds an address setting for the inbox whose dead-letter address is that queue (Artemis
 * merges it with the wildcard settings, which keep the delivery attempts and delays); dead-letter queues never
 * dead-letter again and are never deleted automatically. It acts when an inbox is created (before the queue, so a
 * failure leaves no inbox without its dead-letter queue) and, at start, for inboxes found in the journal (made by an
 * older version: the running queue picks the new setting up); dead letters of node inboxes that an older version left
 * on the shared {@code DLQ} are then moved to their nodes' queues. Used by the embedded broker and by the test
 * harness's shared broker; plain Artemis.
 */
public final class NodeDeadLetterQueues implements ActiveMQServerQueuePlugin {
    private static final Logger LOG = LoggerFactory.getLogger(NodeDeadLetterQueues.class);
    /** A node id as DESIGN.md defines it (6-digit division code, optional 3-digit suffix); nothing else is served. */
    private static final Pattern INBOX = Pattern.compile("node\\.([1-9][0-9]{5}(?:[0-9]{3})?)\\.inbox");
    private volatile ActiveMQServer server;

    @Override
    public void registered(ActiveMQServer server) {
        this.server = server;
        // a dead letter stays on its queue however often a move fails (retried at once), and the queue stays when
        // empty, also if a client's browse auto-created it before its inbox existed
        server.getAddressSettingsRepository().addMatch("node.*.dlq", new AddressSettings().setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(0).setAutoDeleteQueues(false).setAutoDeleteAddresses(false));
        server.registerActivateCallback(new ActivateCallback() {
            @Override
            public void activated() {
                // the journal is loaded and no client is connected yet
                for (String nodeId : inboxesOnTheBroker()) {
                    try {
                        giveDeadLetterQueue(nodeId);
                    } catch (Exception e) {
                        throw new ExchangeException(ErrorCode.INTERNAL, "cannot give " + BrokerNames.inbox(nodeId)
                                + " its dead-letter queue " + BrokerNames.deadLetters(nodeId) + ": " + e, e);
                    }
                }
            }

            @Override
            public void activationComplete() {
                Queue shared = server.locateQueue(BrokerNames.DEAD_LETTER_QUEUE);
                if (shared != null) {
                    // by the letters, not the inboxes: an inbox the broker made on demand is gone when its node stopped
                    for (String nodeId : nodesWithLettersOn(shared)) {
                        moveFromSharedDeadLetters(shared, nodeId);
                    }
                }
            }
        });
    }

    @Override
    public void beforeCreateQueue(QueueConfiguration queue) throws ActiveMQException {
        String nodeId = nodeIdOf(queue.getName(), queue.getAddress());
        if (nodeId != null) {
            try {
                giveDeadLetterQueue(nodeId);
            } catch (Exception e) {
                throw new ActiveMQInternalErrorException("cannot create the dead-letter queue "
                        + BrokerNames.deadLetters(nodeId) + " of " + BrokerNames.inbox(nodeId), e);
            }
        }
    }

    /** The node id when {@code name} is a node's inbox queue on its own address, else null. */
    private static String nodeIdOf(SimpleString name, SimpleString address) {
        if (name == null || !name.equals(address)) {
            return null;
        }
        Matcher inbox = INBOX.matcher(name.toString());
        return inbox.matches() ? inbox.group(1) : null;
    }

    private List<String> inboxesOnTheBroker() {
        return server.getPostOffice().getAllBindings()
                .filter(QueueBinding.class::isInstance)
                .map(binding -> nodeIdOf(binding.getUniqueName(), binding.getAddress()))
                .filter(nodeId -> nodeId != null)
                .distinct()
                .toList();
    }

    /** The queue first, then the setting that points at it: a dead letter never goes to an address without a queue. */
    private void giveDeadLetterQueue(String nodeId) throws Exception {
        SimpleString deadLetters = SimpleString.of(BrokerNames.deadLetters(nodeId));
        server.addAddressInfo(new AddressInfo(deadLetters, RoutingType.ANYCAST));
        server.createQueue(QueueConfiguration.of(deadLetters).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(false), true);
        server.getAddressSettingsRepository().addMatch(BrokerNames.inbox(nodeId), new AddressSettings()
                .setDeadLetterAddress(deadLetters));
    }

    /** The nodes whose inbox a dead letter on {@code shared} came from. */
    private static Set<String> nodesWithLettersOn(Queue shared) {
        Set<String> nodes = new TreeSet<>();
        try (LinkedListIterator<MessageReference> letters = shared.browserIterator()) {
            while (letters.hasNext()) {
                Object from = letters.next().getMessage().getBrokerProperty(Message.HDR_ORIGINAL_QUEUE);
                Matcher inbox = INBOX.matcher(String.valueOf(from));
                if (inbox.matches()) {
                    nodes.add(inbox.group(1));
                }
            }
        }
        return nodes;
    }

    /**
     * Moves the dead letters an older version left on the shared queue for a node's inbox to the node's own queue (the
     * move, like Artemis's {@code moveMessages}, sets {@code _AMQ_ORIG_QUEUE} to the shared queue). Nothing is lost if
     * it fails: they stay there.
     */
    private void moveFromSharedDeadLetters(Queue shared, String nodeId) {
        try {
            giveDeadLetterQueue(nodeId);
            Binding target = server.getPostOffice().getBinding(SimpleString.of(BrokerNames.deadLetters(nodeId)));
            int moved = shared.moveReferences(FilterImpl.createFilter(BrokerNames.ORIGINAL_QUEUE + " = '"
                    + BrokerNames.inbox(nodeId) + "'"), target.getAddress(), target);
            if (moved > 0) {
                LOG.info("moved {} dead letters of {} from {} to {}", moved, BrokerNames.inbox(nodeId),
                        BrokerNames.DEAD_LETTER_QUEUE, BrokerNames.deadLetters(nodeId));
            }
        } catch (Exception e) {
            LOG.warn("the dead letters of {} stay on {}: {}", BrokerNames.inbox(nodeId), BrokerNames.DEAD_LETTER_QUEUE,
                    e.toString());
        }
    }
}
