package org.exchangenode.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exchangenode.core.Samples;
import org.w3c.dom.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the schemas module's sample corpus: valid samples pass, each invalid one fails where its note says. */
class XsdValidatorTest {
    private static final XsdValidator VALIDATOR = new XsdValidator();

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void shouldAcceptTheValidSampleOfEveryForm(String file) {
        assertThat(VALIDATOR.validate(Samples.xml(file))).isEmpty();
    }

    static Stream<String> validSamples() {
        return Samples.VALID_FORMS.stream();
    }

    static Stream<Arguments> invalidSamples() {
        return Samples.corpus("invalid/expected-errors.properties").map(entry -> Arguments.of((Object[]) entry));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void shouldNameTheFaultyElementWhenASampleIsInvalid(String file, String path, String fragment) {
        List<SchemaViolation> violations = VALIDATOR.validate(Samples.xml("invalid/" + file));

        assertThat(violations).isNotEmpty();
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo(path);
            assertThat(v.message()).contains(fragment);
        });
    }

    @Test
    void shouldNameTheElementAndRuleButNeverTheValueWhenADateABooleanOrAPatternIsBroken() {
        Document letter = Samples.xml("contact-letter.xml");
        set(letter, "BirthDate", "1988-02-30");
        set(letter, "MigrantWorker", "欧阳明远");
        set(letter, "IdNumber", "51010419880230137Y");
        set(letter, "PersonalNumber", "P-19880230-欧阳明远-" + "0123456789".repeat(4));

        List<SchemaViolation> violations = VALIDATOR.validate(letter);
        String all = violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("\n"));

        assertThat(all).doesNotContain("1988-02-30", "欧阳明远", "51010419880230137Y", "19880230", "P-1988");
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("/ContactLetter/Person/BirthDate");
            assertThat(v.message()).startsWith("cvc-datatype-valid.1.2.1").contains("date");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("/ContactLetter/Person/MigrantWorker");
            assertThat(v.message()).startsWith("cvc-datatype-valid.1.2.1").contains("boolean");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("/ContactLetter/Person/IdNumber");
            assertThat(v.message()).startsWith("cvc-pattern-valid");
        });
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.path()).isEqualTo("/ContactLetter/Person/PersonalNumber");
            assertThat(v.message()).startsWith("cvc-maxLength-valid");
        });
        assertThat(XsdValidator.summarise(violations)).doesNotContain("1988-02-30", "欧阳明远", "51010419880230137Y");
    }

    private static void set(Document document, String localName, String value) {
        document.getElementsByTagNameNS("*", localName).item(0).setTextContent(value);
    }
}
