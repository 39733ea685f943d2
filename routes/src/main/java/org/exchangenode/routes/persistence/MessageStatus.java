package org.exchangenode.routes.persistence;

/**
 * Where a stored message stands. Outbound: STORED (signed, in the outbox) → SENT (on the broker) → DELIVERED (the
 * peer's Receipt matched) or REJECTED (the peer answered with an Error). Inbound: RECEIVED (verified, stored,
 * receipted).
 */
public enum MessageStatus { STORED, SENT, DELIVERED, REJECTED, FAILED, RECEIVED }
