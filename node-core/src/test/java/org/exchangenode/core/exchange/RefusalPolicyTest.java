package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefusalPolicyTest {
    private final RefusalPolicy policy = new RefusalPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), 8);

    @Test
    void shouldDoubleTheWaitAfterEachRefusalUpToTheMaximum() {
        assertThat(policy.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.waitAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.waitAfter(6)).isEqualTo(Duration.ofMinutes(16));
        assertThat(policy.waitAfter(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(policy.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldBeExhaustedAtTheLastAllowedRefusal() {
        assertThat(policy.exhausted(7)).isFalse();
        assertThat(policy.exhausted(8)).isTrue();
    }

    @Test
    void shouldEscapeControlCharactersAndBoundTheBrokersReason() {
        assertThat(RefusalPolicy.reason("AMQ229032: no permission\r\nforged line\u0000"))
                .isEqualTo("AMQ229032: no permission\\u000d\\u000aforged line\\u0000");
        String longReason = "x".repeat(10_000);
        assertThat(RefusalPolicy.reason(longReason)).hasSize(RefusalPolicy.MAX_REASON).endsWith("...");
        // a pair of surrogates is never cut in two
        String reason = RefusalPolicy.reason("y".repeat(RefusalPolicy.MAX_REASON - 6) + "\uD83D\uDE00\uD83D\uDE00");
        assertThat(reason).hasSize(RefusalPolicy.MAX_REASON - 1).endsWith("\uD83D\uDE00...");
        assertThat(RefusalPolicy.reason(null)).isEqualTo("no reason given");
        assertThat(RefusalPolicy.reason(" \n")).isEqualTo("no reason given");
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> new RefusalPolicy(Duration.ZERO, Duration.ofMinutes(1), 3)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RefusalPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3)).hasMessageContaining("max refusal delay");
        assertThatThrownBy(() -> new RefusalPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1), 0)).hasMessageContaining("max refusals");
    }
}
