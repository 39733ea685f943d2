package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DuplicateIdsTest {
    private final String id = UUID.randomUUID().toString();

    @Test
    void shouldBeTheMessageIdWhenTheMessageIsSentTheFirstTime() {
        assertThat(DuplicateIds.forSend(id, 1)).isEqualTo(id);
    }

    @Test
    void shouldCarryTheSendNumberWhenTheMessageIsResentSoThatTheBrokerLetsEachResendThrough() {
        assertThat(DuplicateIds.forSend(id, 2)).isEqualTo(id + "#2");
        assertThat(DuplicateIds.forSend(id, 3)).isEqualTo(id + "#3");
        assertThat(DuplicateIds.forSend(id, 2)).as("a crash repeating send 2 repeats its id: the broker drops it")
                .isEqualTo(DuplicateIds.forSend(id, 2));
    }

    @Test
    void shouldBeFreshAndUnlikeAnySendWhenADeadLetterIsMovedBack() {
        String first = DuplicateIds.forDeadLetterReplay(id, UUID.randomUUID());
        String second = DuplicateIds.forDeadLetterReplay(id, UUID.randomUUID());

        assertThat(first).startsWith(id + "#dlq-").isNotEqualTo(second);
        assertThat(first.substring(id.length() + 1)).doesNotMatch("[0-9]+");
    }

    @Test
    void shouldStandInForAMissingMessageIdWhenADeadLetterCarriesNone() {
        UUID random = UUID.randomUUID();
        assertThat(DuplicateIds.forDeadLetterReplay(null, random)).isEqualTo("unknown#dlq-" + random);
    }
}
