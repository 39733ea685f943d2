package org.exchangenode.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void shouldKeepALineOneLineWhenAValueHoldsLineBreaksOrControlCharacters() {
        String forged = "5f1c1c64-0000-4000-8000-000000000000\n2026-11-30 10:00:00,000 INFO  [org.exc.rou.inb.InboundHandler]"
                + " ContactLetter x stored\r\u0085\u2028\u001b[2J\u202e";

        String escaped = LogText.escape(forged);

        assertThat(escaped).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u001b", "\u202e")
                .startsWith("5f1c1c64-0000-4000-8000-000000000000\\n2026-11-30")
                .endsWith("stored\\r\\u0085\\u2028\\u001b[2J\\u202e");
    }

    @Test
    void shouldLeavePlainTextAloneAndCutOverlongValues() {
        assertThat(LogText.escape("南京市 320100, case 320100-20261130-abc")).isEqualTo("南京市 320100, case 320100-20261130-abc");
        assertThat(LogText.escape(null)).isEqualTo("null");
        assertThat(LogText.escape("x".repeat(5000))).hasSize(LogText.MAX_LENGTH + 1).endsWith("x…");
    }
}
