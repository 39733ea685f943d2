package org.exchangenode.routes.deadlines;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.DeadlineConfig;
import org.exchangenode.routes.deadlines.StepStore.OpenStep;
import org.jboss.logging.Logger;

/**
 * The periodic deadline sweep: re-reads the calendar, gives open steps the due dates the calendar now reaches, marks
 * each open step's alert (NONE, DUE_SOON, OVERDUE; an overdue step stays open: it is marked, reminded and reported,
 * never cancelled), sends the peer a Reminder for a step waiting on it when configured, and refreshes the gauges.
 * Several instances of one node may share the database: the marking runs on whichever holds the lease
 * ({@code exn_job_lease}), the gauges on every instance. The sweep acts only while it holds the lease: it renews it
 * before a step once half of it has passed, and before each Reminder, and stops the moment a renewal fails (a sweep
 * that stalled past its lease finds another instance holding it). Two sweeps that overlap all the same cannot send
 * one Reminder twice: the Reminder's write records its step and level once ({@code exn_reminder}).
 */
@Singleton
public class DeadlineSweep {
    static final String JOB = "deadline-sweep";
    private static final Logger LOG = Logger.getLogger(DeadlineSweep.class);
    private static final int PAGE = 500;
    private final DeadlineConfig config;
    private final Calendars calendars;
    private final Deadlines deadlines;
    private final StepStore steps;
    private final Reminders reminders;
    private final Clock clock;
    private final String holder = "sweep-" + UUID.randomUUID();
    private final MultiGauge cases;
    private final MultiGauge dueSoon;
    private final MultiGauge overdue;
    private volatile LocalDate lastSwept;
    private Instant leasedUntil;

    public DeadlineSweep(DeadlineConfig config, Calendars calendars, Deadlines deadlines, StepStore steps,
                         Reminders reminders, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.calendars = calendars;
        this.deadlines = deadlines;
        this.steps = steps;
        this.reminders = reminders;
        this.clock = clock;
        this.cases = MultiGauge.builder("exn.cases").description("Transfer cases by role and state").register(registry);
        this.dueSoon = MultiGauge.builder("exn.case.steps.due.soon")
                .description("Open case steps due within node.deadlines.due-soon-days working days, by peer").register(registry);
        this.overdue = MultiGauge.builder("exn.case.steps.overdue")
                .description("Open case steps past their due date, by peer").register(registry);
    }

    /** What one sweep did. {@code swept} is false when another instance holds the lease. */
    public record Result(boolean swept, LocalDate today, int checked, int dated, int alertsChanged, int remindersSent,
                         long withoutDueDate) {
    }

    /** Sweeps as of today (Beijing date). */
    public Result sweep() {
        return sweep(LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE)));
    }

    public synchronized Result sweep(LocalDate today) {
        calendars.reload();
        boolean leased = lease();
        int checked = 0;
        int dated = 0;
        int changed = 0;
        int sent = 0;
        Optional<WorkingDayCalendar> calendar = calendars.calendar();
        boolean held = leased;
        if (leased && calendar.isPresent()) {
            String afterCase = "";
            String afterStep = "";
            pages:
            for (List<OpenStep> page = steps.open(afterCase, afterStep, PAGE); !page.isEmpty();
                 page = steps.open(afterCase, afterStep, PAGE)) {
                for (OpenStep open : page) {
                    if (!stillLeased()) {
                        held = false;
                        LOG.warnf("deadline sweep stopped after %d step(s): another instance holds its lease now", checked);
                        break pages;
                    }
                    checked++;
                    StepStore.StepRecord step = open.step();
                    LocalDate due = step.dueOn();
                    if (due == null) {
                        due = deadlines.dueDate(step.startedAt().toInstant(), step.limitDays()).orElse(null);
                        if (due == null) {
                            continue;
                        }
                        steps.setDue(step.caseId(), step.step(), due);
                        dated++;
                    }
                    Alert alert;
                    try {
                        alert = CaseDeadlines.alert(calendar.get(), today, due, config.deadlines().dueSoonDays());
                    } catch (ExchangeException e) {
                        continue;   // today is beyond the calendar: the health check says so
                    }
                    if (alert != step.alert() && steps.setAlert(step.caseId(), step.step(), step.alert(), alert)) {
                        changed++;
                        LOG.infof("case %s step %s due %s is now %s", step.caseId(), step.step(), due, alert);
                    }
                    if (config.deadlines().reminders() && step.owner() == CaseStep.Owner.PEER && alert != Alert.NONE
                            && alert != step.remindedAlert()) {
                        if (!lease()) {
                            held = false;
                            LOG.warnf("deadline sweep stopped before a Reminder: another instance holds its lease now");
                            break pages;
                        }
                        if (reminders.send(open, due, alert, today)) {
                            steps.markReminded(step.caseId(), step.step(), alert);
                            sent++;
                        }
                    }
                }
                afterCase = page.get(page.size() - 1).step().caseId();
                afterStep = page.get(page.size() - 1).step().step().name();
            }
            if (held) {
                lastSwept = today;
            }
        }
        long withoutDue = refreshGauges();
        return new Result(leased, today, checked, dated, changed, sent, withoutDue);
    }

    /** The last day this instance swept, if it has. */
    public Optional<LocalDate> lastSwept() {
        return Optional.ofNullable(lastSwept);
    }

    /** Leases run on the system clock, whatever day the business clock stands on. */
    private boolean lease() {
        Instant now = Instant.now();
        Instant until = now.plus(leaseTime());
        boolean held = steps.lease(JOB, holder, now, until);
        leasedUntil = held ? until : null;
        return held;
    }

    private Duration leaseTime() {
        return config.deadlines().sweepInterval().multipliedBy(2);
    }

    /** Whether this sweep holds the lease, renewing it once half of it has passed. */
    private boolean stillLeased() {
        if (leasedUntil != null && Instant.now().isBefore(leasedUntil.minus(leaseTime().dividedBy(2)))) {
            return true;
        }
        return lease();
    }

    private long refreshGauges() {
        List<MultiGauge.Row<?>> caseRows = new ArrayList<>();
        steps.casesByState().forEach((key, count) -> {
            String[] roleState = key.split("/");
            caseRows.add(MultiGauge.Row.of(Tags.of("role", roleState[0], "state", roleState[1]), count));
        });
        cases.register(caseRows, true);
        List<MultiGauge.Row<?>> soonRows = new ArrayList<>();
        List<MultiGauge.Row<?>> overdueRows = new ArrayList<>();
        for (Map.Entry<String, Map<Alert, Long>> peer : steps.openByPeer().entrySet()) {
            Tags tags = Tags.of("peer", peer.getKey());
            soonRows.add(MultiGauge.Row.of(tags, peer.getValue().getOrDefault(Alert.DUE_SOON, 0L)));
            overdueRows.add(MultiGauge.Row.of(tags, peer.getValue().getOrDefault(Alert.OVERDUE, 0L)));
        }
        dueSoon.register(soonRows, true);
        overdue.register(overdueRows, true);
        return steps.withoutDueDate();
    }

    /** Gives the lease up at shutdown (before the database closes), so that another instance sweeps at once. */
    void release(@Observes ShutdownEvent event) {
        try {
            steps.release(JOB, holder);
        } catch (RuntimeException e) {
            LOG.debugf("deadline sweep lease not released: %s", e.getMessage());
        }
    }
}
