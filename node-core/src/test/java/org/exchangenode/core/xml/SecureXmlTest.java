package org.exchangenode.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.exchangenode.core.Samples;
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

    /** 100,000 nested elements in about 700 KB: under the size limit, but a DOM and an XSD walk of it cost a minute. */
    static byte[] nested(int depth) {
        StringBuilder xml = new StringBuilder(depth * 7 + 16);
        xml.append("<x>".repeat(depth)).append("</x>".repeat(depth));
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseADocumentInMillisecondsWhenItNestsTooDeep() {
        byte[] deep = nested(100_000);
        assertThat(deep.length).isLessThan(1 << 20);

        long start = System.nanoTime();
        assertThatThrownBy(() -> SecureXml.parse(deep, 1 << 20))
                .isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX))
                .hasMessageContaining("deeper than");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("100000-deep document of " + deep.length + " bytes refused in " + millis + " ms");
        assertThat(millis).isLessThan(500);
    }

    @Test
    void shouldRefuseADocumentWhenItHoldsTooManyElements() {
        byte[] flat = ("<m>" + "<a/>".repeat(200_000) + "</m>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SecureXml.parse(flat, 1 << 20))
                .isInstanceOf(ExchangeException.class)
                .satisfies(e -> assertThat(((ExchangeException) e).code()).isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX))
                .hasMessageContaining("more than");
    }

    @Test
    void shouldParseEveryValidSampleWhenTheLimitsAreTheDefaults() {
        for (String name : Samples.VALID_FORMS) {
            assertThat(SecureXml.parse(Samples.bytes(name), 1 << 20).getDocumentElement()).as(name).isNotNull();
        }
    }
}
