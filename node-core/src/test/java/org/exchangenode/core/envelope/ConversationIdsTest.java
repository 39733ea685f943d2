package org.exchangenode.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {

    @Test
    void shouldBeTheEnvelopeSchemasPatternWhenComparedWithTheXsd() throws IOException {
        String xsd;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(XsdValidator.XSD_ROOT + "envelope-1.xsd")) {
            xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher type = Pattern.compile("name=\"ConversationIdType\">\\s*<xs:restriction base=\"xs:string\">\\s*"
                + "<xs:pattern value=\"([^\"]+)\"/>").matcher(xsd);

        assertThat(type.find()).as("ConversationIdType in envelope-1.xsd").isTrue();
        assertThat(ConversationIds.PATTERN).isEqualTo(type.group(1));
    }

    @Test
    void shouldAcceptACaseNumberAndRefuseWhatTheSchemaRefuses() {
        assertThat(ConversationIds.isValid("320100-20261130-0a1b2c3d4e5f")).isTrue();
        assertThat(ConversationIds.isValid("A")).isTrue();
        assertThat(ConversationIds.isValid("A" + "b".repeat(63))).isTrue();

        assertThat(ConversationIds.isValid(null)).isFalse();
        assertThat(ConversationIds.isValid("")).isFalse();
        assertThat(ConversationIds.isValid("-starts-with-a-dash")).isFalse();
        assertThat(ConversationIds.isValid("A" + "b".repeat(64))).as("65 characters").isFalse();
        assertThat(ConversationIds.isValid("320100/2026")).isFalse();
        assertThat(ConversationIds.isValid("case\n2026-11-30 INFO forged line")).isFalse();
    }

    @Test
    void shouldNumberANewCaseByNodeAndDayWithTwelveHexDigitsThatTheFormatAccepts() {
        UUID random = UUID.fromString("0a1b2c3d-4e5f-4061-8000-000000000000");

        String number = ConversationIds.newCaseNumber("320100001", LocalDate.of(2026, 11, 30), random);

        assertThat(number).isEqualTo("320100001-20261130-0a1b2c3d4e5f");
        assertThat(ConversationIds.isValid(number)).isTrue();
    }
}
