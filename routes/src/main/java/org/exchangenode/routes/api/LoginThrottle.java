package org.exchangenode.routes.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.exchangenode.routes.config.ApiConfig;

/**
 * Counts failed logins per user and per address and locks either out after too many: the API's guard against
 * password guessing. Kept in memory per instance (a restart forgets it; with several instances each counts its own
 * share, so a guesser gets at most {@code max-failures} tries per instance and lockout). Deciding costs a map look-up,
 * so a locked-out flood is refused without a password check or a database write.
 */
public final class LoginThrottle {
    /** What a failure led to: the count reached for the user and the address, and the lockouts it started. */
    public record Failure(int userFailures, int addressFailures, List<Lockout> lockouts) {
    }

    /** A user or address locked out: for how long, the how-manieth lockout in a row, attempts the last one refused. */
    public record Lockout(String key, Duration duration, int number, long refusedInPreviousLockout) {
    }

    /** The limits, as configured ({@link ApiConfig.LoginThrottle}). */
    public record Settings(int maxFailures, Duration window, Duration lockout, Duration maxLockout, int maxTracked) {
        public static Settings of(ApiConfig.LoginThrottle config) {
            return new Settings(config.maxFailures(), config.window(), config.lockout(), config.maxLockout(),
                    config.maxTracked());
        }
    }

    private final Settings config;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(Settings config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** How long the user (if named) or the address is still locked out; counts the attempt as refused. */
    public Optional<Duration> lockedOut(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys(user, address)) {
            State state = states.get(key);
            if (state != null) {
                Duration left = state.refuseIfLocked(now);
                if (left.compareTo(longest) > 0) {
                    longest = left;
                }
            }
        }
        return longest.isZero() ? Optional.empty() : Optional.of(longest);
    }

    /** A login that failed: counts it for the user (if named) and the address, locking out either at the limit. */
    public Failure failed(String user, String address) {
        Instant now = clock.instant();
        List<Lockout> lockouts = new ArrayList<>();
        int[] counts = new int[2];
        List<String> keys = keys(user, address);
        for (String key : keys) {
            State state = state(key, now);
            if (state == null) {
                continue; // too many followed at once and none idle: this one is not counted
            }
            synchronized (state) {
                int count = state.fail(now);
                counts[key.startsWith("user ") ? 0 : 1] = count;
                if (count >= config.maxFailures()) {
                    lockouts.add(state.lock(key, now));
                }
            }
        }
        return new Failure(counts[0], counts[1], List.copyOf(lockouts));
    }

    /** A login that succeeded: the user's failures are forgotten (the address keeps its count until its window ends). */
    public void succeeded(String user) {
        if (user != null) {
            states.remove("user " + user);
        }
    }

    private static List<String> keys(String user, String address) {
        return user == null ? List.of("address " + address) : List.of("user " + user, "address " + address);
    }

    private State state(String key, Instant now) {
        State existing = states.get(key);
        if (existing != null) {
            return existing;
        }
        if (states.size() >= config.maxTracked()) {
            states.values().removeIf(s -> s.idle(now));
            if (states.size() >= config.maxTracked()) {
                return null;
            }
        }
        return states.computeIfAbsent(key, k -> new State());
    }

    /** One user's or address's failures in the current window and its lockout. */
    private final class State {
        private Instant windowStart = Instant.MIN;
        private int failures;
        private Instant lockedUntil = Instant.MIN;
        private int lockouts;
        private long refused;
        private long refusedInLastLockout;

        synchronized Duration refuseIfLocked(Instant now) {
            if (now.isBefore(lockedUntil)) {
                refused++;
                return Duration.between(now, lockedUntil);
            }
            return Duration.ZERO;
        }

        int fail(Instant now) {
            if (now.isAfter(lockedUntil.plus(config.maxLockout()))) {
                lockouts = 0; // long quiet since the last lockout: the next one starts short again
            }
            if (now.isAfter(windowStart.plus(config.window()))) {
                windowStart = now;
                failures = 0;
            }
            return ++failures;
        }

        Lockout lock(String key, Instant now) {
            lockouts++;
            Duration duration = config.lockout();
            for (int i = 1; i < lockouts && duration.compareTo(config.maxLockout()) < 0; i++) {
                duration = duration.multipliedBy(2);
            }
            if (duration.compareTo(config.maxLockout()) > 0) {
                duration = config.maxLockout();
            }
            lockedUntil = now.plus(duration);
            refusedInLastLockout = refused;
            refused = 0;
            failures = 0;
            windowStart = now;
            return new Lockout(key, duration, lockouts, refusedInLastLockout);
        }

        /** Nothing to remember: no lockout running, window over, and long enough quiet that growth starts again. */
        synchronized boolean idle(Instant now) {
            return now.isAfter(lockedUntil.plus(config.maxLockout())) && now.isAfter(windowStart.plus(config.window()));
        }
    }
}
