package org.exchangenode.core.transport;

import java.time.Instant;

/** What a Receipt states: the id of the received message, when it was stored, and the digest of what was stored. */
public record ReceiptContent(String receivedMessageId, Instant receivedAt, String digestMethod, String digestValue) {
}
