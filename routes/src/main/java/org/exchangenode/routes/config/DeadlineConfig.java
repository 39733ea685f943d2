package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** Working days and the time limits of case steps (keys under {@code node.calendar} and {@code node.deadlines}). */
@ConfigMapping(prefix = "node")
public interface DeadlineConfig {

    Calendar calendar();

    Deadlines deadlines();

    /** The working-day calendar: one file per year, {@code <year>.properties}, that an operator adds each winter. */
    interface Calendar {
        /** The directory of the yearly files; re-read at every deadline sweep, so a new year needs no restart. */
        @WithDefault("config/calendar")
        Path dir();
    }

    /** Time limits of case steps, in working days, and the sweep that watches them. */
    interface Deadlines {
        /** Step 3: the transfer-out agency answers the contact letter with the information form and the funds. */
        @WithDefault("15")
        @Min(1)
        int step3Days();

        /** Step 3a: the transfer-out agency's notice of back-payment periods that cannot move (94号). */
        @WithDefault("10")
        @Min(1)
        int step3aDays();

        /** Step 4: the transfer-in agency checks, credits and tells the person, once form and funds both arrived. */
        @WithDefault("15")
        @Min(1)
        int step4Days();

        /** An open step is DUE_SOON when this many working days or fewer are left. */
        @WithDefault("3")
        @Min(0)
        int dueSoonDays();

        /** How often the sweep runs (on one node instance at a time). */
        @WithDefault("PT10M")
        @DurationMin(millis = 1)
        Duration sweepInterval();

        /** Send the peer a Reminder when a step waiting on it becomes DUE_SOON and again when OVERDUE. */
        @WithDefault("false")
        boolean reminders();
    }
}
