package org.exchangenode.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped calendar files (config/calendar) and the time-limit arithmetic of DOMAIN.md. */
class WorkingDayCalendarTest {
    private static final WorkingDayCalendar CALENDAR = CalendarFiles.load(Path.of("../config/calendar"));

    @Test
    void shouldEndAFifteenDayLimitOnMarch12WhenTheLetterArrivesOnFebruary13Of2026() {
        assertThat(CALENDAR.addWorkingDays(LocalDate.of(2026, 2, 13), 15)).isEqualTo(LocalDate.of(2026, 3, 12));
        // 16:00 UTC on 02-13 is already 02-14 in Beijing: the receipt day is the Beijing date
        assertThat(CALENDAR.dueDate(Instant.parse("2026-02-13T15:59:00Z"), 15)).isEqualTo(LocalDate.of(2026, 3, 12));
        assertThat(WorkingDayCalendar.endOf(LocalDate.of(2026, 3, 12))).isEqualTo(Instant.parse("2026-03-12T16:00:00Z"));
    }

    @ParameterizedTest(name = "{0} working={1}")
    @CsvSource({
            "2026-01-01, false",   // New Year's Day
            "2026-01-04, true",    // make-up Sunday
            "2026-02-14, true",    // make-up Saturday before the Spring Festival
            "2026-02-18, false",   // Spring Festival, a Wednesday
            "2026-02-24, true",    // first working day after it
            "2026-03-07, false",   // ordinary Saturday
            "2025-10-08, false",   // 2025 National Day holiday, a Wednesday
            "2025-10-11, true",    // 2025 make-up Saturday
            "2025-12-31, true"})
    void shouldKnowEachKindOfDay(LocalDate date, boolean working) {
        assertThat(CALENDAR.isWorkingDay(date)).isEqualTo(working);
    }

    @Test
    void shouldNotCountTheStartDayEvenWhenItIsAHoliday() {
        // 2026-10-01 (holiday) + 1 working day: 10-02..10-07 are off, 10-08 is a Thursday
        assertThat(CALENDAR.addWorkingDays(LocalDate.of(2026, 10, 1), 1)).isEqualTo(LocalDate.of(2026, 10, 8));
    }

    @Test
    void shouldCountAcrossTheYearBoundaryWhenBothYearsAreLoaded() {
        // 2025-12-31 (Wed) + 2: 2026-01-01..03 off, 01-04 make-up Sunday, 01-05 Monday
        assertThat(CALENDAR.addWorkingDays(LocalDate.of(2025, 12, 31), 2)).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void shouldRefuseToGuessWhenTheLimitRunsIntoAnUnloadedYear() {
        assertThatThrownBy(() -> CALENDAR.addWorkingDays(LocalDate.of(2026, 12, 20), 15))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CALENDAR_NOT_LOADED))
                .hasMessageContaining("no working-day calendar for 2027")
                .hasMessageContaining("config/calendar/2027.properties");
        assertThatThrownBy(() -> CALENDAR.isWorkingDay(LocalDate.of(2024, 6, 3)))
                .hasMessageContaining("no working-day calendar for 2024");
    }

    @Test
    void shouldCountWorkingDaysLeftAndOverdue() {
        LocalDate due = LocalDate.of(2026, 3, 12);
        assertThat(CALENDAR.workingDaysLeft(LocalDate.of(2026, 3, 9), due)).isEqualTo(3);
        assertThat(CALENDAR.workingDaysLeft(due, due)).isZero();
        assertThat(CALENDAR.workingDaysLeft(LocalDate.of(2026, 3, 16), due)).isEqualTo(-2);
    }
}
