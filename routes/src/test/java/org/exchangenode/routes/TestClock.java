package org.exchangenode.routes;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.exchangenode.core.calendar.WorkingDayCalendar;

/**
 * The business clock of the tests (replaces the node's default bean): the system clock unless a test stands on a
 * chosen day with {@link #standOn}; {@link #reset} goes back to the system clock.
 */
@Singleton
public class TestClock extends Clock {
    private volatile Instant fixed;

    /** Stands at 10:00 Beijing time on {@code day}. */
    public void standOn(LocalDate day) {
        fixed = day.atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return WorkingDayCalendar.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return fixed == null ? Clock.system(zone) : Clock.fixed(fixed, zone);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }
}
