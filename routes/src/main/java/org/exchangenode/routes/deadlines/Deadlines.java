package org.exchangenode.routes.deadlines;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.cases.StepLimits;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.cases.CaseChange;
import org.exchangenode.routes.config.DeadlineConfig;

/**
 * Which waiting steps of a case a move meets, closes and starts ({@link CaseChange.Steps}, written by the message
 * store in the transaction that moves the case). A step's due date is its start day (Beijing date, not counted) plus
 * its limit in working days; when the calendar does not reach that far the step is stored without a due date, the
 * health check says why, and the sweep fills it in once the operator adds the year's file — a message is never refused
 * or delayed for a missing calendar.
 */
@Singleton
public class Deadlines {
    private final Calendars calendars;
    private final Clock clock;
    private final StepLimits limits;

    public Deadlines(DeadlineConfig config, Calendars calendars, Clock clock) {
        this.calendars = calendars;
        this.clock = clock;
        // DeadlineConfig.Deadlines' constraints are StepLimits' rules: a bad value stopped the start-up before here
        DeadlineConfig.Deadlines d = config.deadlines();
        this.limits = new StepLimits(d.step3Days(), d.step3aDays(), d.step4Days());
    }

    public StepLimits limits() {
        return limits;
    }

    public CaseChange.Steps onOpen(CaseRole role) {
        return steps(CaseDeadlines.opening(role));
    }

    public CaseChange.Steps onMove(CaseState from, CaseState to) {
        return steps(CaseDeadlines.move(from, to));
    }

    private CaseChange.Steps steps(CaseDeadlines.Change change) {
        Instant now = clock.instant();
        List<CaseChange.NewStep> started = new ArrayList<>();
        for (CaseStep step : change.start()) {
            int days = limits.days(step);
            started.add(new CaseChange.NewStep(step, days, dueDate(now, days).orElse(null)));
        }
        return new CaseChange.Steps(change, started, now);
    }

    /** The due date of a step started at {@code start}, if the calendar reaches it. */
    Optional<LocalDate> dueDate(Instant start, int days) {
        Optional<WorkingDayCalendar> calendar = calendars.calendar();
        if (calendar.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(calendar.get().dueDate(start, days));
        } catch (ExchangeException e) {
            if (e.code() == ErrorCode.CALENDAR_NOT_LOADED) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
