package org.exchangenode.routes.deadlines;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import org.exchangenode.core.calendar.WorkingDayCalendar;

/**
 * How far the working-day calendar reaches, read at each scrape: the last year it holds ({@code exn_calendar_last_year},
 * 0 when it does not hold this year), and from 1 December, Beijing time, whether next year's file is still missing
 * ({@code exn_calendar_next_year_missing}): the State Council publishes the holidays in November, and a step received
 * in December already runs into January.
 */
@Startup
@Singleton
public class CalendarGauges {
    private final Calendars calendars;
    private final Clock clock;

    public CalendarGauges(Calendars calendars, Clock clock, MeterRegistry registry) {
        this.calendars = calendars;
        this.clock = clock;
        Gauge.builder("exn.calendar.last.year", this, CalendarGauges::lastYear)
                .description("The last year of the working-day calendar, when it holds the current year (else 0)")
                .register(registry);
        Gauge.builder("exn.calendar.next.year.missing", this, CalendarGauges::nextYearMissing)
                .description("1 from 1 December (Beijing time) while next year's calendar file is missing, else 0")
                .register(registry);
    }

    double lastYear() {
        LocalDate today = today();
        return calendars.covers(today) ? calendars.calendar().orElseThrow().lastYear() : 0;
    }

    double nextYearMissing() {
        LocalDate today = today();
        return today.getMonth() == Month.DECEMBER && !calendars.covers(today.plusYears(1)) ? 1 : 0;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
    }
}
