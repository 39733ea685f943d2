package org.exchangenode.routes.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.routes.audit.AuditEvent;

/**
 * The waiting steps of cases with their due dates and alerts, and the leases of one-instance jobs. A message's change
 * to the steps travels in its {@link org.exchangenode.routes.cases.CaseChange} and is written by the message store.
 */
public interface StepStore {

    enum Status { OPEN, MET, CLOSED }

    record StepRecord(String caseId, CaseStep step, CaseStep.Owner owner, OffsetDateTime startedAt, int limitDays,
                      LocalDate dueOn, Status status, Alert alert, OffsetDateTime endedAt, Alert remindedAlert) {
    }

    /** An open step with what the sweep needs of its case. */
    record OpenStep(StepRecord step, String peer, CaseRole role, CaseState state, String letterNumber,
                    String personName, String personIdNumber) {
    }

    /** Meets one open step on its own (a step no message ends, such as the back-payment notice); false if not open. */
    boolean meet(String caseId, CaseStep step, Instant at);

    /**
     * Meets an open step on a user's word: the step and the audit entry that says who and why are written in one
     * transaction, or neither. False (and no entry) when the step is not open.
     */
    boolean meet(String caseId, CaseStep step, Instant at, AuditEvent because);

    List<StepRecord> steps(String caseId);

    /** Open steps after ({@code afterCase}, {@code afterStep}) in key order, for a sweep that pages through them. */
    List<OpenStep> open(String afterCase, String afterStep, int limit);

    /** Sets the due date of an open step that had none (the calendar now reaches it). */
    void setDue(String caseId, CaseStep step, LocalDate due);

    /** Moves the alert of an open step from {@code from} to {@code to}; false if the step changed meanwhile. */
    boolean setAlert(String caseId, CaseStep step, Alert from, Alert to);

    void markReminded(String caseId, CaseStep step, Alert alert);

    /** Whether a Reminder was sent about this step at this alert level (by any instance). */
    boolean reminded(String caseId, CaseStep step, Alert alert);

    /** Open steps by peer and alert (NONE included), for the metrics: peer → alert → count. */
    Map<String, Map<Alert, Long>> openByPeer();

    /** Open steps whose due date the calendar could not give yet. */
    long withoutDueDate();

    /** Cases by role and state: "ROLE/STATE" → count. */
    Map<String, Long> casesByState();

    /**
     * Takes or renews the lease of a job for {@code holder} until {@code until}: true when this holder has it, false
     * while another holder's lease has not expired.
     */
    boolean lease(String job, String holder, Instant now, Instant until);

    /** Gives the lease up (at shutdown), so another instance need not wait for it to expire. */
    void release(String job, String holder);
}
