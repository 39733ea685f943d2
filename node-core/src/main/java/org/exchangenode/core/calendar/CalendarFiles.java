package org.exchangenode.core.calendar;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * Reads the yearly calendar files an operator maintains ({@code <dir>/<year>.properties}):
 * <pre>
 * year=2026
 * source=国务院办公厅 2025-11-04
 * holidays=01-01..01-03, 02-15..02-23
 * workdays=01-04, 02-14
 * </pre>
 * Every mistake is refused with the file and the entry named: a year that does not match the file name, an
 * impossible date, a reversed range, a make-up working day that is not a weekend day or is also a day off.
 */
public final class CalendarFiles {
    private CalendarFiles() {
    }

    public static WorkingDayCalendar load(Path dir) {
        List<CalendarYear> years = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.properties")) {
            for (Path file : files) {
                years.add(read(file));
            }
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read calendar directory " + dir + ": " + e.getMessage(), e);
        }
        if (years.isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "no calendar file (<year>.properties) in " + dir);
        }
        return new WorkingDayCalendar(years);
    }

    public static CalendarYear read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int year;
        try {
            year = Integer.parseInt(properties.getProperty("year", "").trim());
        } catch (NumberFormatException e) {
            throw invalid(file, "year must be a number, e.g. year=2026");
        }
        if (!name.equals(year + ".properties")) {
            throw invalid(file, "year=" + year + " does not match the file name " + name);
        }
        Set<LocalDate> daysOff = dates(file, "holidays", properties.getProperty("holidays", ""), year);
        Set<LocalDate> workdays = dates(file, "workdays", properties.getProperty("workdays", ""), year);
        for (LocalDate workday : workdays) {
            if (workday.getDayOfWeek() != DayOfWeek.SATURDAY && workday.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw invalid(file, "workdays: " + workday + " is a " + workday.getDayOfWeek()
                        + "; make-up working days are Saturdays or Sundays");
            }
            if (daysOff.contains(workday)) {
                throw invalid(file, "workdays: " + workday + " is also listed in holidays");
            }
        }
        return new CalendarYear(year, properties.getProperty("source", "").trim(), daysOff, workdays);
    }

    private static Set<LocalDate> dates(Path file, String key, String text, int year) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] range = item.split("\\.\\.", -1);
            if (range.length > 2) {
                throw invalid(file, key + ": '" + item + "' is neither MM-DD nor MM-DD..MM-DD");
            }
            LocalDate from = date(file, key, range[0], year);
            LocalDate to = range.length == 2 ? date(file, key, range[1], year) : from;
            if (to.isBefore(from)) {
                throw invalid(file, key + ": range '" + item + "' ends before it starts");
            }
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                dates.add(day);
            }
        }
        return dates;
    }

    private static LocalDate date(Path file, String key, String monthDay, int year) {
        String text = monthDay.trim();
        if (!text.matches("\\d{2}-\\d{2}")) {
            throw invalid(file, key + ": '" + text + "' is not MM-DD");
        }
        try {
            return LocalDate.of(year, Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(3)));
        } catch (DateTimeException e) {
            throw invalid(file, key + ": " + year + "-" + text + " does not exist");
        }
    }

    private static ExchangeException invalid(Path file, String message) {
        return new ExchangeException(ErrorCode.CONFIGURATION_INVALID, file + ": " + message);
    }
}
