package org.exchangenode.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.exchangenode.core.Samples;
import org.exchangenode.core.cases.ContributionOverlaps.Overlap;
import org.exchangenode.core.cases.ContributionOverlaps.Period;
import org.junit.jupiter.api.Test;

/** Months paid twice, within an information form across places and against the local records. */
class ContributionOverlapsTest {

    @Test
    void shouldReadTheYearlyRowsOfTheInformationForm() {
        assertThat(ContributionOverlaps.rows(Samples.xml("info-form.xml").getDocumentElement())).containsExactly(
                new Period("INFO_FORM row 1", "440300", 2024, 1, 12),
                new Period("INFO_FORM row 2", "440300", 2025, 1, 6));
    }

    @Test
    void shouldFindTheMonthsTheLocalRecordsShareWithTheForm() {
        List<Period> form = ContributionOverlaps.rows(Samples.xml("info-form.xml").getDocumentElement());
        Period local = new Period("LOCAL record 1", "320100", 2025, 5, 9);

        List<Overlap> overlaps = ContributionOverlaps.find(form, List.of(local,
                new Period("LOCAL record 2", "320100", 2025, 7, 12)));

        assertThat(overlaps).containsExactly(new Overlap(2025, List.of(5, 6), form.get(1), local));
    }

    @Test
    void shouldFindRowsOfTwoPlacesInTheSameMonthsButNotConsecutiveOnes() {
        Period shenzhen = new Period("INFO_FORM row 1", "440300", 2023, 1, 8);
        Period guangzhou = new Period("INFO_FORM row 2", "440100", 2023, 8, 12);
        Period later = new Period("INFO_FORM row 3", "440100", 2024, 1, 12);

        assertThat(ContributionOverlaps.find(List.of(shenzhen, guangzhou, later), List.of()))
                .containsExactly(new Overlap(2023, List.of(8), shenzhen, guangzhou));
    }
}
