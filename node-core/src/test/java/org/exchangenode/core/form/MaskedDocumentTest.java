package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.exchangenode.core.Samples;
import org.junit.jupiter.api.Test;

class MaskedDocumentTest {
    @Test
    void shouldMaskThePersonAndTheHandlerButKeepTheAgencies() {
        String masked = MaskedDocument.of(Samples.bytes("contact-letter.xml"), 1 << 20);

        assertThat(masked).doesNotContain("510104198805121377", "张伟", "李娜", "1988-05-12", "4403001234567")
                .contains("510104**********77", "张*", "李*", "****-**-**")
                .contains("深圳市社会保险基金管理局", "4301010509001234567", "025-12345678");
    }

    @Test
    void shouldShowNothingOfBytesThatAreNotXml() {
        assertThat(MaskedDocument.of("510104198805121377 not xml".getBytes(StandardCharsets.UTF_8), 1024))
                .isEqualTo("<!-- not readable as XML (26 bytes); not shown -->");
    }
}
