package org.exchangenode.core.exchange;

/**
 * Where a stored message stands. Outbound: STORED (signed, in the outbox) → SENT (on the broker) → DELIVERED (the
 * peer's Receipt matched) or REJECTED (the peer answered with an Error), or FAILED (no Receipt after the last send,
 * or refused by the broker). Inbound: RECEIVED (verified, stored, receipted).
 */
public enum MessageStatus { STORED, SENT, DELIVERED, REJECTED, FAILED, RECEIVED }
