package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.routes.operations.Operations;
import org.exchangenode.routes.operations.ReplayRequests;

/**
 * Replaying FAILED outbound messages and dead letters from the console: a dry run first that lists what would be sent,
 * then the replay with a mandatory reason. Up to the four-eyes threshold it runs at once; above it, it becomes a
 * request that another operator approves or rejects on the replay approvals page (the requester cannot). What the
 * dry run listed is what is sent or requested: the confirmation carries the message ids, not the filter again.
 */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleReplay {
    /** How many candidates the dry run shows with their details; all of them are replayed or requested. */
    static final int SHOWN = 200;
    private static final String DRY_RUN_REASON = "console dry run";

    private final Console console;
    private final Operations operations;
    private final ReplayRequests requests;
    private final MessageStore store;

    public ConsoleReplay(Console console, Operations operations, ReplayRequests requests, MessageStore store) {
        this.console = console;
        this.operations = operations;
        this.requests = requests;
        this.store = store;
    }

    @TemplateData
    public record Candidate(String id, String type, String peer, String storedAt, String errorCode) {
    }

    @TemplateData
    public record Skip(String id, String why) {
    }

    @POST
    @Path("/replay/dry-run")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response dryRun(@FormParam(Csrf.FIELD) String token, @FormParam("scope") String scope,
                           @FormParam("ids") List<String> ids, @FormParam("peer") String peer,
                           @FormParam("type") String type, @FormParam("errorCode") String errorCode,
                           @FormParam("window") String window, @FormParam("from") String from,
                           @FormParam("to") String to) {
        console.checkCsrf(token);
        console.requireOperator();
        Operations.Summary summary;
        if ("matching".equals(scope)) {
            String range = blank(window) == null ? (blank(from) != null || blank(to) != null ? "all" : "PT24H")
                    : blank(window);
            if (!ConsoleMessages.WINDOWS.contains(range)) {
                return dryRunPage(List.of(), List.of(), console.t("errorInput") + ": window", 400);
            }
            ConsoleMessages.Query query = new ConsoleMessages.Query(null, null, blank(peer), blank(type),
                    "FAILED", "OUTBOUND", blank(errorCode), range, blank(from), blank(to));
            try {
                var criteria = ConsoleMessages.criteria(query);
                summary = operations.replayFailed(List.of(), criteria.peer(), criteria.type(), criteria.errorCode(),
                        criteria.from(), criteria.to(), DRY_RUN_REASON, true, console.user());
            } catch (IllegalArgumentException | ExchangeException e) {
                return dryRunPage(List.of(), List.of(), console.error(e), 400);
            }
        } else {
            List<String> chosen = validIds(ids);
            if (chosen.isEmpty()) {
                return dryRunPage(List.of(), List.of(), console.t("nothingSelected"), 400);
            }
            summary = operations.replayFailed(chosen, null, null, null, null, null, DRY_RUN_REASON, true,
                    console.user());
        }
        List<String> would = summary.replayed();
        List<Skip> skipped = summary.skipped().stream().map(s -> new Skip(s.id(), s.why())).toList();
        return dryRunPage(would, skipped, null, 200);
    }

    private Response dryRunPage(List<String> would, List<Skip> skipped, String error, int status) {
        List<Candidate> shown = new ArrayList<>();
        for (String id : would.subList(0, Math.min(SHOWN, would.size()))) {
            Optional<StoredMessage> message = store.find(id);
            shown.add(message.map(m -> new Candidate(id, m.type(), m.to(), Console.time(m.storedAt().toInstant()),
                    m.errorCode() == null ? "" : m.errorCode())).orElse(new Candidate(id, "", "", "", "")));
        }
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "messages");
        data.put("count", would.size());
        data.put("candidates", shown);
        data.put("hidden", would.subList(Math.min(SHOWN, would.size()), would.size()));
        data.put("skipped", skipped);
        data.put("needsApproval", would.size() > requests.threshold());
        data.put("threshold", requests.threshold());
        data.put("error", error);
        return console.page("dry-run", status, data);
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@FormParam(Csrf.FIELD) String token, @FormParam("ids") List<String> ids,
                           @FormParam("reason") String reason) {
        return submit(token, ReplayRequests.Kind.MESSAGES, ids, reason);
    }

    @POST
    @Path("/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replayDeadLetters(@FormParam(Csrf.FIELD) String token, @FormParam("ids") List<String> ids,
                                      @FormParam("reason") String reason) {
        return submit(token, ReplayRequests.Kind.DEAD_LETTERS, ids, reason);
    }

    private Response submit(String token, ReplayRequests.Kind kind, List<String> ids, String reason) {
        console.checkCsrf(token);
        console.requireOperator();
        Map<String, Object> data = new HashMap<>();
        data.put("nav", kind == ReplayRequests.Kind.MESSAGES ? "messages" : "dead-letters");
        data.put("kind", kind.name());
        data.put("done", null);
        data.put("pending", null);
        data.put("skipped", List.of());
        List<String> chosen = validIds(ids);
        if (chosen.isEmpty()) {
            data.put("error", console.t("nothingSelected"));
            return console.page("replayed", 400, data);
        }
        try {
            ReplayRequests.Outcome outcome = requests.submit(kind, chosen, reason, console.user());
            if (outcome instanceof ReplayRequests.Done done) {
                data.put("done", done.summary());
                data.put("skipped", done.summary().skipped().stream().map(s -> new Skip(s.id(), s.why())).toList());
            } else if (outcome instanceof ReplayRequests.Pending pending) {
                data.put("pending", pending.request());
            }
            return console.page("replayed", data);
        } catch (IllegalArgumentException | ExchangeException e) {
            data.put("error", console.error(e));
            return console.page("replayed", 400, data);
        }
    }

    // ---- four-eyes approvals

    @TemplateData
    public record Row(String id, String kindLabel, int count, String status, String statusLabel, boolean pending,
                      String expiresAt, String requestedBy, String requestedAt, String reason, String decidedBy,
                      String decidedAt, String decisionReason, String result, boolean own) {
    }

    @GET
    @Path("/replay-requests")
    public Response list(@QueryParam("status") String status) {
        console.requireReader();
        return listPage(status, null, 200);
    }

    private Response listPage(String status, String notice, int code) {
        ReplayRequests.Status filter = null;
        if (status != null && !status.isEmpty()) {
            try {
                filter = ReplayRequests.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new ConsoleRefused(400, "errorStatusFilter");
            }
        }
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "replay-requests");
        data.put("status", filter == null ? "" : filter.name());
        data.put("threshold", requests.threshold());
        data.put("rows", requests.list(filter, 200).stream().map(this::row).toList());
        data.put("decided", notice);
        return console.page("replay-requests", code, data);
    }

    private Row row(ReplayRequests.Request r) {
        boolean pending = r.status() == ReplayRequests.Status.PENDING;
        return new Row(r.id(), console.label("kind_", r.kind().name()), r.ids().size(), r.status().name(),
                console.label("request_", r.status().name()), pending, Console.time(r.expiresAt()),
                r.requestedBy(), Console.time(r.requestedAt()), r.reason(), r.decidedBy(),
                Console.time(r.decidedAt()), r.decisionReason() == null ? "" : r.decisionReason(),
                r.result() == null ? null : r.result().replayed().size() + " / " + r.result().matched(),
                r.requestedBy().equals(console.user()));
    }

    @POST
    @Path("/replay-requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
                            @FormParam("reason") String reason) {
        return decide(id, token, reason, true);
    }

    @POST
    @Path("/replay-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
                           @FormParam("reason") String reason) {
        return decide(id, token, reason, false);
    }

    private Response decide(String id, String token, String reason, boolean approve) {
        console.checkCsrf(token);
        console.requireOperator();
        if (!Console.validId(id)) {
            throw new ConsoleRefused(404, "requestUnknown");
        }
        try {
            ReplayRequests.Request decided = approve ? requests.approve(id, reason, console.user())
                    : requests.reject(id, reason, console.user());
            String notice = console.t(approve ? "requestApproved" : "requestRejected") + ": " + decided.id()
                    + (decided.result() == null ? "" : " · " + console.t("replayedNow") + " "
                            + decided.result().replayed().size() + " / " + decided.result().matched());
            return listPage(null, notice, 200);
        } catch (ExchangeException e) {
            throw new ConsoleRefused(refusalStatus(e.code()), "error_" + e.code().name());
        }
    }

    private static int refusalStatus(ErrorCode code) {
        return switch (code.name()) {
            case "REPLAY_REQUEST_UNKNOWN" -> 404;
            case "REPLAY_OWN_REQUEST" -> 403;
            case "REPLAY_REQUEST_NOT_PENDING", "REPLAY_REQUEST_EXPIRED" -> 409;
            default -> 400;
        };
    }

    /** The ids a form posted, in order without repeats; one that is not an id the node makes refuses the form. */
    private static List<String> validIds(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (String id : ids) {
            if (!Console.validId(id)) {
                throw new ConsoleRefused(400, "errorIds");
            }
            valid.add(id);
            if (valid.size() > Operations.MAX_BULK) {
                throw new ConsoleRefused(400, "errorTooMany");
            }
        }
        return new ArrayList<>(valid);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
