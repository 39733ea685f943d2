package org.exchangenode.core.exchange;

import java.time.Duration;

/**
 * How long to wait for a Receipt after each send, and how many sends to make before giving up: exponential backoff
 * capped at a maximum, with a random spread so that messages held up by the same outage are not all resent at once.
 */
public record ResendPolicy(Duration receiptTimeout, double multiplier, Duration maxTimeout, double jitter, int maxSends) {

    public ResendPolicy {
        if (receiptTimeout.isNegative() || receiptTimeout.isZero()) {
            throw new IllegalArgumentException("receipt timeout must be positive");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1, got " + multiplier);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        if (maxSends < 1) {
            throw new IllegalArgumentException("max sends must be at least 1, got " + maxSends);
        }
    }

    /**
     * The wait for a Receipt after send number {@code send} (1 for the first send).
     *
     * @param random a number in [0, 1) that picks the point within the jitter spread
     */
    public Duration waitAfter(int send, double random) {
        double base = receiptTimeout.toMillis() * Math.pow(multiplier, send - 1);
        double capped = Math.min(base, maxTimeout.toMillis());
        double spread = capped * jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(1, Math.round(capped + spread)));
    }

    /** True when {@code sends} sends were made and no more are allowed. */
    public boolean exhausted(int sends) {
        return sends >= maxSends;
    }
}
