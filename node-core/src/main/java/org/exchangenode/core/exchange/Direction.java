package org.exchangenode.core.exchange;

/** Which way a message went, seen from this node: composed and sent by it, or received from a peer. */
public enum Direction { OUTBOUND, INBOUND }
