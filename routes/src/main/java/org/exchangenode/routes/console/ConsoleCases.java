package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.calendar.WorkingDayCalendar;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseMachine;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.Masking;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.deadlines.Calendars;
import org.exchangenode.routes.deadlines.StepStore;
import org.exchangenode.routes.messages.MessageSearch;

/**
 * Transfer cases: the list (overdue, due soon, by state), and one case with its timeline, each step's due date on
 * the working-day calendar with the working days left, the forms that may come next and the reminders sent.
 * Personal data is masked as in the logs: an operator finds a case by its id, not by the person.
 */
@Path("/console/cases")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleCases {
    static final int PAGE = 50;
    private static final List<MessageType> FORMS = List.of(MessageType.INFO_FORM, MessageType.FUND_TRANSFER_NOTICE,
            MessageType.COMPLETION_NOTICE, MessageType.REFUSAL, MessageType.REMINDER);

    private final Console console;
    private final CaseStore cases;
    private final StepStore steps;
    private final Calendars calendars;
    private final MessageSearch search;

    public ConsoleCases(Console console, CaseStore cases, StepStore steps, Calendars calendars, MessageSearch search) {
        this.console = console;
        this.cases = cases;
        this.steps = steps;
        this.calendars = calendars;
        this.search = search;
    }

    @TemplateData
    public record CaseLine(String caseId, String role, String state, String stateLabel, String peer, String person,
                           String letterNumber, String openedAt, String updatedAt) {
    }

    @GET
    public Response list(@QueryParam("due") String due, @QueryParam("state") String state,
                         @QueryParam("caseId") String caseId, @QueryParam("page") @DefaultValue("0") int page) {
        console.requireReader();
        if (caseId != null && !caseId.isBlank()) {
            return Console.validId(caseId.strip()) && cases.find(caseId.strip()).isPresent()
                    ? console.seeOther("/console/cases/" + caseId.strip())
                    : listPage(null, null, 0, console.t("caseUnknown"));
        }
        CaseDeadlines.Alert alert = "overdue".equals(due) ? CaseDeadlines.Alert.OVERDUE
                : "soon".equals(due) ? CaseDeadlines.Alert.DUE_SOON : null;
        CaseState chosen = null;
        if (state != null && !state.isBlank()) {
            try {
                chosen = CaseState.valueOf(state);
            } catch (IllegalArgumentException e) {
                return listPage(null, null, 0, console.t("errorInput") + ": state");
            }
        }
        return listPage(alert, chosen, Math.max(0, Math.min(page, 10_000)), null);
    }

    private Response listPage(CaseDeadlines.Alert alert, CaseState state, int page, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "cases");
        data.put("due", alert == CaseDeadlines.Alert.OVERDUE ? "overdue" : alert == CaseDeadlines.Alert.DUE_SOON ? "soon" : "");
        data.put("state", state == null ? "" : state.name());
        data.put("states", java.util.Arrays.stream(CaseState.values())
                .map(s -> new ConsoleResource.Choice(s.name(), console.label("state_", s.name()))).toList());
        List<CaseLine> rows = error != null ? List.of()
                : cases.list(state, null, null, alert, page, PAGE).stream().map(this::line).toList();
        data.put("rows", rows);
        data.put("error", error);
        data.put("next", rows.size() == PAGE ? "/console/cases?page=" + (page + 1)
                + (alert == null ? "" : "&due=" + data.get("due")) + (state == null ? "" : "&state=" + state.name()) : null);
        return console.page("cases", error == null ? 200 : 400, data);
    }

    private CaseLine line(CaseStore.CaseRecord c) {
        return new CaseLine(c.caseId(), console.label("role_", c.role().name()), c.state().name(),
                console.label("state_", c.state().name()), c.peer(), person(c), c.letterNumber() == null ? "" : c.letterNumber(),
                Console.time(c.openedAt().toInstant()), Console.time(c.updatedAt().toInstant()));
    }

    private static String person(CaseStore.CaseRecord c) {
        return Masking.name(c.personName()) + " · " + Masking.idNumber(c.personIdNumber());
    }

    @TemplateData
    public record Event(String at, String messageId, String type, String direction, String stateAfter,
                        String acknowledgedAt) {
    }

    @TemplateData
    public record Step(String step, String stepLabel, String owner, String startedAt, int limitDays, String due,
                       String daysLeft, String status, String statusLabel, String alert, String endedAt) {
    }

    @TemplateData
    public record NextForm(String type, String label, boolean byThisNode) {
    }

    @TemplateData
    public record Reminder(String messageId, String direction, String storedAt, String status) {
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        console.requireReader();
        CaseStore.CaseRecord c = Console.validId(id) ? cases.find(id).orElse(null) : null;
        if (c == null) {
            throw new ConsoleRefused(404, "caseUnknown");
        }
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "cases");
        data.put("c", line(c));
        data.put("amountMismatch", c.amountMismatch());
        data.put("events", cases.events(id).stream().map(e -> new Event(Console.time(e.at().toInstant()),
                e.messageId(), e.type(), console.label("direction_", e.direction().name()),
                console.label("state_", e.stateAfter().name()),
                e.acknowledgedAt() == null ? "" : Console.time(e.acknowledgedAt().toInstant()))).toList());
        WorkingDayCalendar calendar = calendars.calendar().orElse(null);
        LocalDate today = LocalDate.now(WorkingDayCalendar.ZONE);
        List<Step> stepLines = new ArrayList<>();
        for (StepStore.StepRecord s : steps.steps(id)) {
            String left = "";
            if (s.status() == StepStore.Status.OPEN && s.dueOn() != null && calendar != null) {
                try {
                    left = Integer.toString(calendar.workingDaysLeft(today, s.dueOn()));
                } catch (RuntimeException e) {
                    left = console.t("calendarMissing");
                }
            }
            stepLines.add(new Step(s.step().name(), console.label("step_", s.step().name()),
                    console.label("owner_", s.owner().name()), Console.time(s.startedAt().toInstant()), s.limitDays(),
                    s.dueOn() == null ? console.t("calendarMissing") : s.dueOn().toString(), left, s.status().name(),
                    console.label("stepStatus_", s.status().name()), s.alert() == null ? "NONE" : s.alert().name(),
                    s.endedAt() == null ? "" : Console.time(s.endedAt().toInstant())));
        }
        data.put("steps", stepLines);
        data.put("nextForms", nextForms(c));
        data.put("reminders", search.search(new MessageSearch.Criteria(null, id, null, MessageType.REMINDER.wireName(),
                null, null, null, null, null), null, MessageSearch.MAX_PAGE).rows().stream()
                .map(r -> new Reminder(r.messageId(), console.label("direction_", r.direction()),
                        Console.time(r.storedAt()), console.label("status_", r.status()))).toList());
        return console.page("case", data);
    }

    /** The forms the case state machine lets come next: sent by this node, or expected from the peer. */
    private List<NextForm> nextForms(CaseStore.CaseRecord c) {
        List<NextForm> out = new ArrayList<>();
        if (!c.state().open()) {
            return out;
        }
        for (boolean outbound : new boolean[] {true, false}) {
            for (MessageType type : FORMS) {
                if (allowed(c.role(), c.state(), type, outbound)) {
                    out.add(new NextForm(type.wireName(), console.label("form_", type.wireName()), outbound));
                }
            }
        }
        return out;
    }

    private static boolean allowed(CaseRole role, CaseState state, MessageType type, boolean outbound) {
        try {
            CaseMachine.next(role, state, type, outbound);
            return true;
        } catch (ExchangeException e) {
            return false;
        }
    }
}
