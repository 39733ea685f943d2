package org.exchangenode.routes.cases;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.cases.ContributionOverlaps;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.Masking;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.api.ApiExceptionMappers;
import org.exchangenode.routes.api.Paging;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.deadlines.Calendars;
import org.exchangenode.routes.deadlines.StepStore;
import org.exchangenode.routes.messages.MessageResource;
import org.exchangenode.routes.operations.Operations;

/** Transfer cases for the local system (role submitter); the person is always shown masked. */
@Path("/api/v1/cases")
@Tag(name = "cases", description = "Transfer cases: role, person (masked), peer, state, amounts, deadlines, timeline")
@RolesAllowed(Roles.SUBMITTER)
public class CaseResource {
    private final CaseStore store;
    private final StepStore steps;
    private final Calendars calendars;
    private final Clock clock;
    private final SecurityIdentity identity;

    public CaseResource(CaseStore store, StepStore steps, Calendars calendars, Clock clock,
                        SecurityIdentity identity) {
        this.store = store;
        this.steps = steps;
        this.calendars = calendars;
        this.clock = clock;
        this.identity = identity;
    }

    public record CaseView(String caseId, CaseRole role, CaseState state, String peer, String personIdNumber,
                           String personName, String letterNumber, BigDecimal infoTotal, BigDecimal fundAmount,
                           boolean amountMismatch, String openedAt, String updatedAt, String closedAt,
                           List<StepView> steps, List<CaseStore.CaseEvent> timeline) {
        static CaseView of(CaseStore.CaseRecord c, List<StepView> steps, List<CaseStore.CaseEvent> timeline) {
            return new CaseView(c.caseId(), c.role(), c.state(), c.peer(), Masking.idNumber(c.personIdNumber()),
                    Masking.name(c.personName()), c.letterNumber(), c.infoTotal(), c.fundAmount(), c.amountMismatch(),
                    text(c.openedAt()), text(c.updatedAt()), text(c.closedAt()), steps, timeline);
        }
    }

    /**
     * A waiting step: its limit in working days, its due date (null while the calendar does not reach it), status
     * OPEN/MET/CLOSED, alert NONE/DUE_SOON/OVERDUE and, while open, the working days left (negative when overdue).
     */
    public record StepView(CaseStep step, CaseStep.Owner owner, String startedAt, int limitDays, LocalDate dueOn,
                           StepStore.Status status, CaseDeadlines.Alert alert, String endedAt, Integer workingDaysLeft) {
    }

    /** The progress of a case for the online public service: no personal data. */
    public record ProgressView(String caseId, CaseRole role, CaseState state, String openedAt, String updatedAt,
                               String closedAt, List<StepView> steps) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cases by state, peer, role and deadline alert, newest first, paged",
            description = "overdue=true: only cases with an open step past its due date; dueSoon=true: only cases with "
                    + "an open step due within node.deadlines.due-soon-days working days.")
    public List<CaseView> list(@QueryParam("state") String state, @QueryParam("peer") String peer,
                               @QueryParam("role") String role, @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                               @QueryParam("dueSoon") @DefaultValue("false") boolean dueSoon,
                               @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        if (overdue && dueSoon) {
            throw new InvalidFormException(List.of(new FieldViolation("dueSoon", ViolationCode.CONFLICT,
                    "ask for overdue or for dueSoon, not both")));
        }
        CaseDeadlines.Alert alert = overdue ? CaseDeadlines.Alert.OVERDUE : dueSoon ? CaseDeadlines.Alert.DUE_SOON : null;
        return store.list(MessageResource.parse(CaseState.class, "state", state), peer,
                        MessageResource.parse(CaseRole.class, "role", role), alert, page, size)
                .stream().map(c -> CaseView.of(c, null, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A case with its deadlines and its timeline of messages")
    public CaseView get(@PathParam("id") String id) {
        return store.find(id).map(c -> CaseView.of(c, steps(id), store.events(id)))
                .orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
    }

    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The progress of a case for the online public service: state and due dates, no personal data")
    public ProgressView progress(@PathParam("id") String id) {
        return store.find(id).map(c -> new ProgressView(c.caseId(), c.role(), c.state(), text(c.openedAt()),
                        text(c.updatedAt()), text(c.closedAt()), steps(id)))
                .orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
    }

    /** Why a step is met on the user's word, recorded in the audit log with the user (e.g. the notice's number). */
    public record StepMet(String reason) {
    }

    @POST
    @Path("/{id}/lump-sum-notice")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record that the transfer-out agency gave the person the written back-payment notice (step 3a)",
            description = "Meets the case's LUMP_SUM_NOTICE step, in one transaction with an audit entry naming the "
                    + "user and the reason (required, e.g. the notice's number). 404 for an unknown case, 422 when "
                    + "the step is not open.")
    public CaseView lumpSumNoticeGiven(@PathParam("id") String id, StepMet body) {
        Operations.requireReason(body == null ? null : body.reason());
        store.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
        AuditEvent because = new AuditEvent(AuditKind.OPERATOR_ACTION, null, identity.getPrincipal().getName(),
                "case " + id + ": step LUMP_SUM_NOTICE met (the written back-payment notice given): " + body.reason(),
                null);
        if (!steps.meet(id, CaseStep.LUMP_SUM_NOTICE, clock.instant(), because)) {
            throw new ExchangeException(ErrorCode.TRANSITION_NOT_ALLOWED, "case " + id
                    + " has no open LUMP_SUM_NOTICE step (a transfer-out case has one until it is met or the case closes)");
        }
        return get(id);
    }

    /** A contribution period the local system holds for the person. */
    public record LocalRecord(String divisionCode, Integer year, Integer fromMonth, Integer toMonth) {
    }

    public record LocalRecords(List<LocalRecord> records) {
    }

    /** Months paid twice: within the information form across places, and against the local records. */
    public record OverlapReport(String caseId, boolean infoFormPresent, int localRecords,
                                List<ContributionOverlaps.Overlap> overlaps) {
    }

    @PUT
    @Path("/{id}/local-records")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give the contribution periods the local system holds for the person; returns the overlap report",
            description = "Replaces what was given before. Each record: divisionCode (6 digits), year, fromMonth, toMonth "
                    + "(1–12, from ≤ to). Every wrong field is named at once.")
    public OverlapReport localRecords(@PathParam("id") String id, LocalRecords body) {
        store.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
        List<FieldViolation> violations = new ArrayList<>();
        List<ContributionOverlaps.Period> periods = new ArrayList<>();
        if (body == null || body.records() == null) {
            throw new InvalidFormException(List.of(new FieldViolation("records", ViolationCode.REQUIRED,
                    "list the periods (may be empty)")));
        }
        if (body.records().size() > 1000) {
            throw new InvalidFormException(List.of(new FieldViolation("records", ViolationCode.TOO_MANY,
                    "at most 1000")));
        }
        for (int i = 0; i < body.records().size(); i++) {
            LocalRecord r = body.records().get(i);
            String at = "records[" + i + "].";
            if (r == null) {
                violations.add(new FieldViolation("records[" + i + "]", ViolationCode.REQUIRED, "must be an object"));
                continue;
            }
            int before = violations.size();
            if (r.divisionCode() == null || !r.divisionCode().matches("[1-9]\\d{5}")) {
                violations.add(new FieldViolation(at + "divisionCode", ViolationCode.FORMAT,
                        "must be a 6-digit GB/T 2260 code"));
            }
            if (r.year() == null || r.year() < 1950 || r.year() > 2100) {
                violations.add(new FieldViolation(at + "year", ViolationCode.OUT_OF_RANGE,
                        "must be a year from 1950 to 2100"));
            }
            if (r.fromMonth() == null || r.fromMonth() < 1 || r.fromMonth() > 12) {
                violations.add(new FieldViolation(at + "fromMonth", ViolationCode.OUT_OF_RANGE, "must be 1 to 12"));
            }
            if (r.toMonth() == null || r.toMonth() < 1 || r.toMonth() > 12) {
                violations.add(new FieldViolation(at + "toMonth", ViolationCode.OUT_OF_RANGE, "must be 1 to 12"));
            } else if (r.fromMonth() != null && r.fromMonth() > r.toMonth()) {
                violations.add(new FieldViolation(at + "toMonth", ViolationCode.RANGE_REVERSED,
                        "must not be before fromMonth"));
            }
            if (violations.size() == before) {
                periods.add(new ContributionOverlaps.Period("LOCAL record " + (i + 1), r.divisionCode(), r.year(),
                        r.fromMonth(), r.toMonth()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        store.replaceLocalRecords(id, periods);
        return overlaps(id);
    }

    @GET
    @Path("/{id}/overlaps")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Months paid twice: between the information form's rows of different places, and between them "
            + "and the local records given")
    public OverlapReport overlaps(@PathParam("id") String id) {
        store.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
        List<ContributionOverlaps.Period> local = store.localRecords(id);
        Optional<byte[]> content = store.latestInfoForm(id);
        if (content.isEmpty()) {
            return new OverlapReport(id, false, local.size(), List.of());
        }
        Envelope envelope = EnvelopeCodec.parse(content.get(), Integer.MAX_VALUE);
        List<ContributionOverlaps.Period> rows = ContributionOverlaps.rows(envelope.bodyContent());
        return new OverlapReport(id, true, local.size(), ContributionOverlaps.find(rows, local));
    }

    private List<StepView> steps(String caseId) {
        LocalDate today = LocalDate.now(clock.withZone(WorkingDayCalendar.ZONE));
        return steps.steps(caseId).stream().map(s -> new StepView(s.step(), s.owner(), text(s.startedAt()),
                s.limitDays(), s.dueOn(), s.status(), s.alert(), text(s.endedAt()),
                s.status() == StepStore.Status.OPEN ? daysLeft(today, s.dueOn()) : null)).toList();
    }

    private Integer daysLeft(LocalDate today, LocalDate due) {
        if (due == null || calendars.calendar().isEmpty()) {
            return null;
        }
        try {
            return calendars.calendar().get().workingDaysLeft(today, due);
        } catch (ExchangeException e) {
            return null;   // beyond the calendar: the health check says which year to add
        }
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
