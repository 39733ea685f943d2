package org.exchangenode.routes.broker;

/** Broker destination and header names (the one place they are spelled). */
public final class BrokerNames {
    /** Artemis duplicate-detection property: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Artemis sets this on a dead-lettered (or moved) message: the queue it came from. */
    public static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    /** JMS properties copied from the envelope header, for operators browsing queues. */
    public static final String MESSAGE_ID = "exnMessageId";
    public static final String MESSAGE_TYPE = "exnType";
    public static final String FROM_NODE = "exnFrom";
    /**
     * The broker's shared dead-letter queue: the catch-all for a queue without a dead-letter queue of its own (on the
     * network broker, readable by operators only). A node's dead letters go to {@link #deadLetters(String)}.
     */
    public static final String DEAD_LETTER_QUEUE = "DLQ";
    /** Where expired messages would go (messages are sent without expiry; the queue exists so none is dropped). */
    public static final String EXPIRY_QUEUE = "ExpiryQueue";

    private BrokerNames() {
    }

    /** The queue a node consumes: {@code node.<nodeId>.inbox}. */
    public static String inbox(String nodeId) {
        return "node." + nodeId + ".inbox";
    }

    /**
     * The dead-letter queue of a node, {@code node.<nodeId>.dlq}: where the broker moves a message of the node's inbox
     * after its last delivery attempt failed. Only the node (and the network's operators) may browse and consume it,
     * so the node can list its dead letters and move them back to its inbox with its own broker user.
     */
    public static String deadLetters(String nodeId) {
        return "node." + nodeId + ".dlq";
    }
}
