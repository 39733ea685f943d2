package org.exchangenode.routes.deadlines;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.routes.config.DeadlineConfig;

/**
 * Whether deadlines can be computed (at /q/health and /q/health/well): DOWN when the calendar directory does not
 * load, when it lacks the current year, or when open steps have no due date because it lacks a later year — each
 * with the reason and the file to add. Readiness is not affected: messages still flow.
 */
@Wellness
@ApplicationScoped
public class CalendarHealth implements HealthCheck {
    private final Calendars calendars;
    private final StepStore steps;
    private final Clock clock;
    private final DeadlineConfig config;

    public CalendarHealth(Calendars calendars, StepStore steps, Clock clock, DeadlineConfig config) {
        this.calendars = calendars;
        this.steps = steps;
        this.clock = clock;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        LocalDate today = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
        HealthCheckResponseBuilder response = HealthCheckResponse.named("calendar")
                .withData("dir", config.calendar().dir().toAbsolutePath().toString());
        List<String> problems = new ArrayList<>();
        calendars.loadError().ifPresent(problems::add);
        calendars.calendar().ifPresentOrElse(calendar -> {
            response.withData("years", calendar.firstYear() + "-" + calendar.lastYear());
            response.withData("nextYearLoaded", calendar.lastYear() > today.getYear());
        }, () -> problems.add("no working-day calendar is loaded"));
        if (calendars.calendar().isPresent() && !calendars.covers(today)) {
            problems.add("no working-day calendar for " + today.getYear() + ": add " + today.getYear()
                    + ".properties from the State Council's announcement");
        }
        long withoutDue = steps.withoutDueDate();
        if (withoutDue > 0) {
            problems.add(withoutDue + " open case steps have no due date: their limit runs past the last loaded year; add "
                    + (calendars.calendar().map(WorkingDayCalendar::lastYear).orElse(today.getYear() - 1) + 1)
                    + ".properties");
        }
        if (problems.isEmpty()) {
            return response.up().build();
        }
        return response.down().withData("reason", String.join("; ", problems)).build();
    }
}
