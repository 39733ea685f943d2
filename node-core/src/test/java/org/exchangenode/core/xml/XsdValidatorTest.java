package org.exchangenode.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.exchangenode.core.Samples;
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
}
