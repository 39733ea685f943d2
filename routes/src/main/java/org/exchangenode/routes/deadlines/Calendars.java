package org.exchangenode.routes.deadlines;

import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangenode.core.calendar.CalendarFiles;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.DeadlineConfig;
import org.jboss.logging.Logger;

/**
 * The working-day calendar the node uses, read from {@code node.calendar.dir} at start-up and again at every
 * deadline sweep, so that an operator adds next year's file without a restart. A directory that fails to load keeps
 * the calendar loaded before, and the failure is shown by the health check until it is fixed.
 */
@Singleton
public class Calendars {
    private static final Logger LOG = Logger.getLogger(Calendars.class);
    private final DeadlineConfig config;
    private final AtomicReference<WorkingDayCalendar> current = new AtomicReference<>();
    private volatile String loadError;

    public Calendars(DeadlineConfig config) {
        this.config = config;
        reload();
    }

    /** Reads the directory again; returns whether it loaded. */
    public boolean reload() {
        try {
            WorkingDayCalendar calendar = CalendarFiles.load(config.calendar().dir());
            WorkingDayCalendar before = current.getAndSet(calendar);
            if (before == null || before.lastYear() != calendar.lastYear() || before.firstYear() != calendar.firstYear()) {
                LOG.infof("working-day calendar loaded from %s: %d–%d", config.calendar().dir().toAbsolutePath(),
                        calendar.firstYear(), calendar.lastYear());
            }
            loadError = null;
            return true;
        } catch (ExchangeException e) {
            if (!e.getMessage().equals(loadError)) {
                LOG.errorf("node.calendar.dir: %s%s", e.getMessage(), current.get() == null ? ""
                        : "; keeping the calendar loaded before");
            }
            loadError = e.getMessage();
            return false;
        }
    }

    /** The calendar, if one ever loaded. */
    public Optional<WorkingDayCalendar> calendar() {
        return Optional.ofNullable(current.get());
    }

    /** Why the last reading of the directory failed, if it did. */
    public Optional<String> loadError() {
        return Optional.ofNullable(loadError);
    }

    /** Whether the calendar holds {@code date}'s year. */
    public boolean covers(LocalDate date) {
        WorkingDayCalendar calendar = current.get();
        return calendar != null && date.getYear() >= calendar.firstYear() && date.getYear() <= calendar.lastYear();
    }
}
