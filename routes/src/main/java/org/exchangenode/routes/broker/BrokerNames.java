package org.exchangenode.routes.broker;

/** Broker destination and header names (the one place they are spelled). */
public final class BrokerNames {
    /** Artemis duplicate-detection property: the broker drops a second message with the same value. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** JMS properties copied from the envelope header, for operators browsing queues. */
    public static final String MESSAGE_ID = "exnMessageId";
    public static final String MESSAGE_TYPE = "exnType";
    public static final String FROM_NODE = "exnFrom";
    /** Where a node's dead letters go after the broker gives up redelivering. */
    public static final String DEAD_LETTER_QUEUE = "DLQ";
    /** Where expired messages would go (messages are sent without expiry; the queue exists so none is dropped). */
    public static final String EXPIRY_QUEUE = "ExpiryQueue";

    private BrokerNames() {
    }

    /** The queue a node consumes: {@code node.<nodeId>.inbox}. */
    public static String inbox(String nodeId) {
        return "node." + nodeId + ".inbox";
    }
}
