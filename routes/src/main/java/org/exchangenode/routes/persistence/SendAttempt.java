package org.exchangenode.routes.persistence;

import java.time.OffsetDateTime;

/** One try to deliver an outbound message: SENT, BROKER_UNAVAILABLE, RECEIPT_TIMEOUT or FAILED. */
public record SendAttempt(int attempt, String outcome, OffsetDateTime at, String detail) {
}
