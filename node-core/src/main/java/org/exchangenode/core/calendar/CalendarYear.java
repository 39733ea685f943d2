package org.exchangenode.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * One announced year: statutory days off and make-up working days (调休上班日). Every other Monday–Friday is a
 * working day and every other Saturday and Sunday is not.
 */
public record CalendarYear(int year, String source, Set<LocalDate> daysOff, Set<LocalDate> makeUpWorkingDays) {

    public CalendarYear {
        daysOff = Set.copyOf(daysOff);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
    }

    boolean isWorkingDay(LocalDate date) {
        if (makeUpWorkingDays.contains(date)) {
            return true;
        }
        if (daysOff.contains(date)) {
            return false;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
