package org.exchangenode.routes.deadlines;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.exchangenode.core.calendar.WorkingDayCalendar;

/** The clock of time limits: Beijing time. Tests replace it to stand on a chosen day. */
@ApplicationScoped
public class BusinessClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.system(WorkingDayCalendar.ZONE);
    }
}
