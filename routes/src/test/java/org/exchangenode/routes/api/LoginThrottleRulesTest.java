package org.exchangenode.routes.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's rules on a clock the test moves: counting, lockouts that grow, success, the bound on memory. */
class LoginThrottleRulesTest {
    private Instant now = Instant.parse("2026-03-02T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private static LoginThrottle.Settings settings(int maxTracked) {
        return new LoginThrottle.Settings(5, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(3), maxTracked);
    }

    private void fail(LoginThrottle throttle, String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void shouldLockOutLongerAtEachLockoutInARowUpToTheMaximum() {
        LoginThrottle throttle = new LoginThrottle(settings(100), clock);
        fail(throttle, "li", "10.0.0.1", 4);
        assertThat(throttle.lockedOut("li", "10.0.0.1")).isEmpty();

        LoginThrottle.Failure fifth = throttle.failed("li", "10.0.0.1");
        assertThat(fifth.lockouts()).extracting(LoginThrottle.Lockout::key).containsExactly("user li", "address 10.0.0.1");
        assertThat(fifth.lockouts()).extracting(LoginThrottle.Lockout::duration).containsOnly(Duration.ofMinutes(1));
        assertThat(throttle.lockedOut("li", "10.0.0.9")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedOut("wang", "10.0.0.1")).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.lockedOut("wang", "10.0.0.9")).isEmpty();

        now = now.plusSeconds(61);
        assertThat(throttle.lockedOut("li", "10.0.0.1")).isEmpty();
        fail(throttle, "li", "10.0.0.1", 4);
        LoginThrottle.Lockout second = throttle.failed("li", "10.0.0.1").lockouts().get(0);
        assertThat(second.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.refusedInPreviousLockout()).as("the one look-up of li from another address while locked").isEqualTo(1);

        now = now.plusSeconds(121);
        fail(throttle, "li", "10.0.0.1", 5);
        assertThat(throttle.lockedOut("li", null)).hasValue(Duration.ofMinutes(3));
    }

    @Test
    void shouldForgetAUsersFailuresAtASuccessButNotTheAddresss() {
        LoginThrottle throttle = new LoginThrottle(settings(100), clock);
        fail(throttle, "li", "10.0.0.1", 4);
        throttle.succeeded("li");

        LoginThrottle.Failure next = throttle.failed("li", "10.0.0.1");

        assertThat(next.userFailures()).isEqualTo(1);
        assertThat(next.addressFailures()).isEqualTo(5);
        assertThat(next.lockouts()).extracting(LoginThrottle.Lockout::key).containsExactly("address 10.0.0.1");
    }

    @Test
    void shouldCountAgainAfterTheWindow() {
        LoginThrottle throttle = new LoginThrottle(settings(100), clock);
        fail(throttle, "li", "10.0.0.1", 4);
        now = now.plus(Duration.ofMinutes(6));

        assertThat(throttle.failed("li", "10.0.0.1").lockouts()).isEmpty();
    }

    @Test
    void shouldFollowAtMostMaxTrackedUsersAndAddressesForgettingIdleOnesFirst() {
        LoginThrottle throttle = new LoginThrottle(settings(4), clock);
        fail(throttle, "a", "10.0.0.1", 1);
        fail(throttle, "b", "10.0.0.2", 1);
        assertThat(throttle.failed("c", "10.0.0.3").userFailures()).as("not followed: the map is full").isZero();

        now = now.plus(Duration.ofMinutes(10));
        assertThat(throttle.failed("c", "10.0.0.3").userFailures()).as("the idle ones forgotten").isEqualTo(1);
    }
}
