package org.exchangenode.core.exchange;

import java.time.Duration;

/**
 * What to do when the broker refuses one message (the message itself, not the connection): wait {@code firstDelay}
 * after the first refusal, twice as long after each further one (at most {@code maxDelay}), and give up after
 * {@code maxRefusals} refusals. The broker's reason is kept for operators in a bounded, escaped form.
 */
public record RefusalPolicy(Duration firstDelay, Duration maxDelay, int maxRefusals) {
    /** The most characters of a broker's reason that are kept. */
    public static final int MAX_REASON = 500;

    public RefusalPolicy {
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("refusal delay must be positive");
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("max refusal delay must be at least the refusal delay");
        }
        if (maxRefusals < 1) {
            throw new IllegalArgumentException("max refusals must be at least 1, got " + maxRefusals);
        }
    }

    /** True when the message was refused {@code refusals} times and is not to be tried again. */
    public boolean exhausted(int refusals) {
        return refusals >= maxRefusals;
    }

    /** The wait after refusal number {@code refusals} (1 for the first). */
    public Duration waitAfter(int refusals) {
        Duration wait = firstDelay;
        for (int i = 1; i < refusals && wait.compareTo(maxDelay) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
    }

    /**
     * A broker's reason as it may be stored and shown: control characters (line breaks included) escaped as
     * {@code \\uXXXX}, cut to {@link #MAX_REASON} characters with a marker; "no reason given" when there is none.
     */
    public static String reason(String raw) {
        if (raw == null || raw.isBlank()) {
            return "no reason given";
        }
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_REASON) + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String piece;
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                piece = raw.substring(i, i + 2); // a pair is kept or cut whole
                i++;
            } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                piece = String.format("\\u%04x", (int) c);
            } else {
                piece = String.valueOf(c);
            }
            if (out.length() + piece.length() > MAX_REASON - 3) {
                return out.append("...").toString();
            }
            out.append(piece);
        }
        return out.toString();
    }
}
