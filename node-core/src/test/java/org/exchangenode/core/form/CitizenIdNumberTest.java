package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CitizenIdNumberTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @Test
    void shouldAcceptTheStandardExampleWithCheckCharacterX() {
        assertThat(CitizenIdNumber.problem("id", "11010519491231002X", TODAY)).isEmpty();
        assertThat(CitizenIdNumber.sexCode("11010519491231002X")).isEqualTo("2");
        assertThat(CitizenIdNumber.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "11010519491231002,  ID_LENGTH",
            "11010519491231002XX, ID_LENGTH",
            "1101051949123100x2, ID_FORMAT",
            "01010519491231002X, ID_FORMAT",
            "110105194902300028, ID_BIRTH_DATE",
            "110105203001010028, ID_BIRTH_DATE",
            "110105194912310021, ID_CHECK_CHARACTER"})
    void shouldNameTheProblemWhenTheNumberIsInvalid(String id, ViolationCode code) {
        assertThat(CitizenIdNumber.problem("person.idNumber", id, TODAY))
                .hasValueSatisfying(v -> {
                    assertThat(v.code()).isEqualTo(code);
                    assertThat(v.field()).isEqualTo("person.idNumber");
                    assertThat(v.message()).doesNotContain(id);
                });
    }

    @Test
    void shouldMaskAllButRegionAndLastTwoWhenLogging() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("110105**********2X");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
    }
}
