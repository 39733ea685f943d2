package org.exchangenode.routes.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.exchangenode.routes.config.DeadlineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calendar's reach as the alert sees it, on a clock standing at chosen instants around 1 December in Beijing. */
class CalendarGaugesTest {
    /** 2026-11-30 23:30 in Beijing. */
    private static final Instant LAST_HOUR_OF_NOVEMBER = Instant.parse("2026-11-30T15:30:00Z");
    /** 2026-12-01 00:30 in Beijing, still 30 November in UTC: the alert follows Beijing's date. */
    private static final Instant FIRST_HOUR_OF_DECEMBER = Instant.parse("2026-11-30T16:30:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldFlagNextYearMissingFromTheFirstOfDecemberInBeijing() throws IOException {
        year(2026);

        assertThat(gauges(LAST_HOUR_OF_NOVEMBER).nextYearMissing()).isZero();
        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).nextYearMissing()).isEqualTo(1);
        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).lastYear()).isEqualTo(2026);
    }

    @Test
    void shouldClearTheFlagWhenNextYearsFileIsThere() throws IOException {
        year(2026);
        year(2027);

        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).nextYearMissing()).isZero();
        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).lastYear()).isEqualTo(2027);
    }

    @Test
    void shouldShowNoYearWhenTheCalendarDoesNotHoldThisYear() throws IOException {
        year(2025);

        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).lastYear()).isZero();
        assertThat(gauges(FIRST_HOUR_OF_DECEMBER).nextYearMissing()).isEqualTo(1);
    }

    private CalendarGauges gauges(Instant now) {
        DeadlineConfig config = new DeadlineConfig() {
            @Override
            public Calendar calendar() {
                return () -> dir;
            }

            @Override
            public Deadlines deadlines() {
                throw new UnsupportedOperationException("not read by the calendar");
            }
        };
        return new CalendarGauges(new Calendars(config), Clock.fixed(now, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    private void year(int year) throws IOException {
        Files.writeString(dir.resolve(year + ".properties"), "year=" + year + "\nsource=test\nholidays=01-01\nworkdays=\n");
    }
}
