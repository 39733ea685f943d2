package org.exchangenode.routes.outbound;

import java.time.Instant;

/** A message the broker took: its send number (1 for the first) and when a missing Receipt makes it overdue. */
public record SentMessage(String messageId, int send, Instant receiptDueAt) {
}
