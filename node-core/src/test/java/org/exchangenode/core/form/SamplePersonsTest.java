package org.exchangenode.core.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.exchangenode.core.Samples;
import org.junit.jupiter.api.Test;

class SamplePersonsTest {
    @Test
    void shouldMakeDistinctValidIdentitiesWhoseSexAndBirthDateAgree() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            SamplePersons.Identity identity = SamplePersons.next();
            assertThat(CitizenIdNumber.problem("id", identity.idNumber(), LocalDate.of(2026, 11, 26))).isEmpty();
            assertThat(CitizenIdNumber.sexCode(identity.idNumber())).isEqualTo(identity.sex());
            assertThat(CitizenIdNumber.birthDate(identity.idNumber()).orElseThrow().toString())
                    .isEqualTo(identity.birthDate());
            ids.add(identity.idNumber());
        }
        assertThat(ids).hasSize(20_000);
    }

    @Test
    void shouldGiveTheSampleLetterANewPersonThatPassesItsRules() {
        ContactLetter letter = SamplePersons.withNextPerson(Samples.contactLetter());

        assertThat(letter.person().idNumber()).isNotEqualTo(Samples.contactLetter().person().idNumber());
        assertThat(ContactLetterValidator.validateOutbound(letter, new FormContext("320100", Set.of("440300"),
                LocalDate.of(2026, 11, 26)))).isEmpty();
    }
}
