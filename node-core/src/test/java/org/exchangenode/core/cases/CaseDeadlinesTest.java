package org.exchangenode.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.exchangenode.core.calendar.CalendarFiles;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which steps each move starts and meets, and the alert of a step as its due day nears and passes. */
class CaseDeadlinesTest {
    private static final WorkingDayCalendar CALENDAR = CalendarFiles.load(Path.of("../config/calendar"));

    @Test
    void shouldStartTheStepsEachSideWaitsOnWhenACaseOpens() {
        assertThat(CaseDeadlines.opening(CaseRole.TRANSFER_OUT).start())
                .containsExactlyInAnyOrder(CaseStep.SEND_INFO_AND_FUNDS, CaseStep.LUMP_SUM_NOTICE);
        assertThat(CaseDeadlines.opening(CaseRole.TRANSFER_IN).start()).containsExactly(CaseStep.AWAIT_INFO_AND_FUNDS);
    }

    @Test
    void shouldStartStepFourOnlyWhenBothTheFormAndTheFundsHaveArrived() {
        assertThat(CaseDeadlines.move(CaseState.LETTER_SENT, CaseState.INFO_RECEIVED).start()).isEmpty();
        assertThat(CaseDeadlines.move(CaseState.LETTER_SENT, CaseState.FUNDS_RECEIVED).meet()).isEmpty();
        CaseDeadlines.Change both = CaseDeadlines.move(CaseState.FUNDS_RECEIVED, CaseState.AWAITING_COMPLETION);
        assertThat(both.start()).containsExactly(CaseStep.COMPLETE);
        assertThat(both.meet()).containsExactly(CaseStep.AWAIT_INFO_AND_FUNDS);
    }

    @Test
    void shouldMeetTheTransferOutReplyWhenTheFundsAreSentAndThenWaitForCompletion() {
        assertThat(CaseDeadlines.move(CaseState.LETTER_RECEIVED, CaseState.INFO_SENT).meet()).isEmpty();
        CaseDeadlines.Change funds = CaseDeadlines.move(CaseState.INFO_SENT, CaseState.FUNDS_SENT);
        assertThat(funds.meet()).containsExactly(CaseStep.SEND_INFO_AND_FUNDS);
        assertThat(funds.start()).containsExactly(CaseStep.AWAIT_COMPLETION);
    }

    @Test
    void shouldEndEveryOpenStepWhenTheCaseCloses() {
        assertThat(CaseDeadlines.move(CaseState.FUNDS_SENT, CaseState.COMPLETED).closeOthers()).isTrue();
        assertThat(CaseDeadlines.move(CaseState.LETTER_SENT, CaseState.REFUSED).closeOthers()).isTrue();
        assertThat(CaseDeadlines.move(CaseState.LETTER_SENT, CaseState.REFUSED).meet()).isEmpty();
        assertThat(CaseDeadlines.move(CaseState.INFO_SENT, CaseState.INFO_SENT)).isEqualTo(CaseDeadlines.move(
                CaseState.LETTER_SENT, CaseState.LETTER_SENT));
    }

    @ParameterizedTest(name = "due 2026-03-12, today {0}: {1}")
    @CsvSource({
            "2026-02-24, NONE",       // first working day after the Spring Festival
            "2026-03-06, NONE",       // Friday: 4 working days left (03-09..03-12)
            "2026-03-07, NONE",       // Saturday: still 4 left, a weekend day is not one of them
            "2026-03-09, DUE_SOON",
            "2026-03-12, DUE_SOON",   // the due day itself: 0 left, not yet overdue
            "2026-03-13, OVERDUE"})   // the due day has ended
    void shouldWarnThreeWorkingDaysAheadAndMarkOverdueAfterTheDueDay(LocalDate today, Alert expected) {
        assertThat(CaseDeadlines.alert(CALENDAR, today, LocalDate.of(2026, 3, 12), 3)).isEqualTo(expected);
    }

    @Test
    void shouldCountOnlyWorkingDaysWhenDecidingDueSoonAcrossNationalDay() {
        // due 2026-10-12 (Monday); 10-01..10-07 are off, 10-10 is a make-up Saturday, 10-11 an ordinary Sunday
        LocalDate due = LocalDate.of(2026, 10, 12);
        assertThat(CALENDAR.workingDaysLeft(LocalDate.of(2026, 9, 30), due)).isEqualTo(4);   // 10-08, 09, 10, 12
        assertThat(CaseDeadlines.alert(CALENDAR, LocalDate.of(2026, 9, 30), due, 3)).isEqualTo(Alert.NONE);
        assertThat(CaseDeadlines.alert(CALENDAR, LocalDate.of(2026, 10, 2), due, 3)).isEqualTo(Alert.NONE);
        assertThat(CaseDeadlines.alert(CALENDAR, LocalDate.of(2026, 10, 8), due, 3)).isEqualTo(Alert.DUE_SOON);
    }

    @Test
    void shouldUseTheConfiguredLimitOfEachStep() {
        StepLimits limits = new StepLimits(10, 7, 12);
        assertThat(limits.days(CaseStep.SEND_INFO_AND_FUNDS)).isEqualTo(10);
        assertThat(limits.days(CaseStep.AWAIT_INFO_AND_FUNDS)).isEqualTo(10);
        assertThat(limits.days(CaseStep.LUMP_SUM_NOTICE)).isEqualTo(7);
        assertThat(limits.days(CaseStep.COMPLETE)).isEqualTo(12);
        assertThat(StepLimits.DEFAULT.days(CaseStep.LUMP_SUM_NOTICE)).isEqualTo(10);
    }
}
