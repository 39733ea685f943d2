package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResendPolicyTest {
    private final ResendPolicy policy = new ResendPolicy(Duration.ofMinutes(5), 2.0, Duration.ofHours(1), 0.2, 5);

    @Test
    void shouldDoubleTheWaitAfterEachSendUpToTheMaximum() {
        assertThat(policy.waitAfter(1, 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.waitAfter(2, 0.5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.waitAfter(4, 0.5)).isEqualTo(Duration.ofMinutes(40));
        assertThat(policy.waitAfter(5, 0.5)).isEqualTo(Duration.ofHours(1));
        assertThat(policy.waitAfter(30, 0.5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldSpreadTheWaitWithinTheJitter() {
        assertThat(policy.waitAfter(1, 0.0)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.waitAfter(1, 0.999999)).isBetween(Duration.ofMinutes(6).minusMillis(1), Duration.ofMinutes(6));
    }

    @Test
    void shouldBeExhaustedAfterTheLastSend() {
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> new ResendPolicy(Duration.ZERO, 2, Duration.ofHours(1), 0.2, 5)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ResendPolicy(Duration.ofMinutes(1), 0.5, Duration.ofHours(1), 0.2, 5)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new ResendPolicy(Duration.ofMinutes(1), 2, Duration.ofHours(1), 1.5, 5)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new ResendPolicy(Duration.ofMinutes(1), 2, Duration.ofHours(1), 0.2, 0)).hasMessageContaining("max sends");
    }
}
