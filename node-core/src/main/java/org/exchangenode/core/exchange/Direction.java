package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.EnvelopeHeader;

/** Which way a message went, seen from this node: composed and sent by it, or received from a peer. */
public enum Direction {
    OUTBOUND, INBOUND;

    /** The other node of a message going this way: its addressee when sent, its sender when received. */
    public String peer(EnvelopeHeader header) {
        return this == OUTBOUND ? header.to() : header.from();
    }
}
