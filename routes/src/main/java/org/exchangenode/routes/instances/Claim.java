package org.exchangenode.routes.instances;

import java.time.Instant;
import java.util.Objects;

/**
 * One instance's claim on rows of work (outbox rows, local-system notifications) until {@code until}. The
 * {@code token} is new for every claim and fences it: a store changes a claimed row only for the claim's token, so an
 * instance that held a row too long (its claim expired and another instance took the row over) changes nothing.
 * {@code holder} is the instance's id, kept with the row for operators.
 */
public record Claim(String holder, String token, Instant until) {

    public Claim {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(until, "until");
    }

    /** Whether the claim still holds at {@code at}. */
    public boolean holdsAt(Instant at) {
        return at.isBefore(until);
    }
}
