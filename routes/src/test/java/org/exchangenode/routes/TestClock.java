package org.exchangenode.routes;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.exchangenode.core.calendar.WorkingDayCalendar;

/**
 * The business clock of the tests (replaces the node's default bean). It never reads the machine's date: it starts at
 * 10:00 Beijing time on {@link #DEFAULT_DAY}, a working day well inside the shipped calendar, and ticks with the real
 * time from there, so that the suite gives the same due dates whatever day it runs on. A test stands on a chosen day
 * with {@link #standOn} (time then stands still) and goes back to the ticking default day with {@link #reset}.
 */
@Singleton
public class TestClock extends Clock {
    /** A Monday, a working day; fifteen working days later is still in the shipped 2026 calendar. */
    public static final LocalDate DEFAULT_DAY = LocalDate.of(2026, 6, 1);

    private static final Instant START = tenOClock(DEFAULT_DAY);
    private final long startNanos = System.nanoTime();
    private volatile Instant fixed;

    private static Instant tenOClock(LocalDate day) {
        return day.atTime(10, 0).atZone(WorkingDayCalendar.ZONE).toInstant();
    }

    /** Stands at 10:00 Beijing time on {@code day}. */
    public void standOn(LocalDate day) {
        fixed = tenOClock(day);
    }

    /** Back to the default day, ticking. */
    public void reset() {
        fixed = null;
    }

    /** The business day now, in Beijing. */
    public LocalDate today() {
        return LocalDate.ofInstant(instant(), WorkingDayCalendar.ZONE);
    }

    @Override
    public ZoneId getZone() {
        return WorkingDayCalendar.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : START.plus(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
