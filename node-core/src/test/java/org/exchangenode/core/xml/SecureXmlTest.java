package org.exchangenode.core.xml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.junit.jupiter.api.Test;

class SecureXmlTest {
    @Test
    void shouldRefuseADoctypeWhenItDeclaresAnExternalEntity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>";
        assertThatThrownBy(() -> SecureXml.parse(xxe.getBytes(StandardCharsets.UTF_8), 10_000))
                .isInstanceOf(ExchangeException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ExchangeException) e).code()).isEqualTo(ErrorCode.MALFORMED_XML))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldRefuseEntityExpansionWhenItIsABillionLaughs() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";
        assertThatThrownBy(() -> SecureXml.parse(bomb.getBytes(StandardCharsets.UTF_8), 10_000))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldRefuseAMessageWhenItIsOverTheSizeLimit() {
        byte[] big = ("<m>" + "x".repeat(2000) + "</m>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SecureXml.parse(big, 1000))
                .isInstanceOf(ExchangeException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ExchangeException) e).code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
    }

    @Test
    void shouldReportLineAndColumnWhenTheXmlIsMalformed() {
        assertThatThrownBy(() -> SecureXml.parse("<m><n></m>".getBytes(StandardCharsets.UTF_8), 1000))
                .hasMessageContaining("line 1");
    }
}
