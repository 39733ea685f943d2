package org.exchangenode.routes.messages;

import java.time.OffsetDateTime;

/**
 * One try to deliver an outbound message: SENT, BROKER_UNAVAILABLE (the first deferral in an outage), BROKER_REFUSED,
 * RECEIPT_TIMEOUT, FAILED or REPLAYED.
 */
public record SendAttempt(int attempt, String outcome, OffsetDateTime at, String detail) {
}
