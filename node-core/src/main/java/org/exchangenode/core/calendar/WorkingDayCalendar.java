package org.exchangenode.core.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * Working days for time limits (办理时限): Monday to Friday, minus statutory days off, plus make-up working days, as
 * announced year by year. The years must be contiguous. A question about a date outside the loaded years is an error
 * ({@link ErrorCode#CALENDAR_NOT_LOADED}), never a guess. Immutable and thread-safe.
 */
public final class WorkingDayCalendar {
    /** Time limits run on Beijing dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final TreeMap<Integer, CalendarYear> years;

    public WorkingDayCalendar(Collection<CalendarYear> loaded) {
        if (loaded.isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no working-day calendar year is loaded");
        }
        Map<Integer, CalendarYear> byYear = loaded.stream()
                .collect(Collectors.toMap(CalendarYear::year, Function.identity(), (a, b) -> {
                    throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "calendar year " + a.year() + " is loaded twice");
                }));
        this.years = new TreeMap<>(byYear);
        for (int year = years.firstKey(); year <= years.lastKey(); year++) {
            if (!years.containsKey(year)) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "calendar years must be contiguous: "
                        + year + " is missing between " + years.firstKey() + " and " + years.lastKey());
            }
        }
    }

    public int firstYear() {
        return years.firstKey();
    }

    public int lastYear() {
        return years.lastKey();
    }

    public boolean isWorkingDay(LocalDate date) {
        return year(date).isWorkingDay(date);
    }

    /**
     * The {@code n}-th working day after {@code start}; the start day itself is not counted, whether it is a working
     * day or not. A limit of n working days from {@code start} ends at the close of that day.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a time limit is at least one working day, got " + n);
        }
        year(start);
        LocalDate day = start;
        for (int counted = 0; counted < n; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** The due date of a step that started at {@code receivedAt} with a limit of {@code workingDays}. */
    public LocalDate dueDate(Instant receivedAt, int workingDays) {
        return addWorkingDays(LocalDate.ofInstant(receivedAt, ZONE), workingDays);
    }

    /** The instant a step due on {@code dueDate} becomes overdue: the start of the next day, Beijing time. */
    public static Instant endOf(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(ZONE).toInstant();
    }

    /**
     * Working days from {@code today} (not counted) up to and including {@code dueDate}: 0 when due today, negative
     * when overdue (minus the working days since).
     */
    public int workingDaysLeft(LocalDate today, LocalDate dueDate) {
        if (!dueDate.isBefore(today)) {
            return countWorkingDays(today, dueDate);
        }
        return -countWorkingDays(dueDate, today);
    }

    /** Working days in (from, to]. */
    private int countWorkingDays(LocalDate from, LocalDate to) {
        year(from);
        year(to);
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    private CalendarYear year(LocalDate date) {
        CalendarYear year = years.get(date.getYear());
        if (year == null) {
            throw new ExchangeException(ErrorCode.CALENDAR_NOT_LOADED, "no working-day calendar for " + date.getYear()
                    + " (loaded: " + years.firstKey() + "–" + years.lastKey() + "); add config/calendar/"
                    + date.getYear() + ".properties from the State Council's announcement");
        }
        return year;
    }
}
