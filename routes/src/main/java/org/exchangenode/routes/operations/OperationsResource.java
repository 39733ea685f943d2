package org.exchangenode.routes.operations;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.MaskedDocument;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.api.ApiExceptionMappers;
import org.exchangenode.routes.api.Paging;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.cases.CaseStore;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.localsystem.WebhookStore;
import org.exchangenode.routes.messages.MessageResource;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.SendAttempt;

/** Finding and putting right what failed (role operator). Every change needs a reason and is audited. */
@Path("/api/v1/operations")
@Tag(name = "operations", description = "Failed, quarantined and dead-lettered messages; governed replay (role operator)")
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class OperationsResource {
    private final Operations operations;
    private final MessageStore store;
    private final DeadLetters deadLetters;
    private final SecurityIdentity identity;
    private final int maxBytes;
    private final WebhookStore webhooks;

    private final CaseStore cases;
    private final Pings pings;
    private final ReplayRequests requests;

    public OperationsResource(Operations operations, MessageStore store, DeadLetters deadLetters,
                              SecurityIdentity identity, NodeConfig config, WebhookStore webhooks, CaseStore cases,
                              Pings pings, ReplayRequests requests) {
        this.pings = pings;
        this.requests = requests;
        this.operations = operations;
        this.cases = cases;
        this.store = store;
        this.deadLetters = deadLetters;
        this.webhooks = webhooks;
        this.identity = identity;
        this.maxBytes = config.maxMessageBytes();
    }

    @GET
    @Path("/failed")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "FAILED outbound messages by peer, type, error code and time stored [from, to), newest first")
    public List<MessageResource.MessageView> failed(@QueryParam("peer") String peer, @QueryParam("type") String type,
                                                    @QueryParam("errorCode") String errorCode,
                                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return operations.failed(peer, type, errorCode, instant("from", from), instant("to", to), page, size).stream()
                .map(MessageResource.MessageView::of).toList();
    }

    /** One message for inspection: header and status, every attempt, and the body with personal data masked. */
    public record Inspection(MessageResource.MessageView message, List<SendAttempt> attempts, String maskedBody) {
    }

    @GET
    @Path("/messages/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A message with its attempts, errors and its body with personal data masked")
    public Inspection inspect(@PathParam("id") String id) {
        var message = store.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("message " + id));
        return new Inspection(MessageResource.MessageView.of(message), store.attempts(id),
                MaskedDocument.of(store.content(id).orElseThrow(), maxBytes));
    }

    /** What to replay: the ids given, or every FAILED message matching the filter when none are given. */
    public record ReplayRequest(List<String> messageIds, String peer, String type, String errorCode, String from,
                                String to, String reason, boolean dryRun) {
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay FAILED outbound messages (same message ids), by id or by filter; reason required; dryRun shows what would be replayed",
            description = "200 with the summary when the replay touches at most node.operations.four-eyes-threshold "
                    + "messages; above it 202 with a PENDING replay request that another operator must approve. A "
                    + "replay by filter is resolved to the matching ids when it is requested.")
    public Response replay(ReplayRequest request) {
        ReplayRequest r = request == null ? new ReplayRequest(null, null, null, null, null, null, null, false) : request;
        Instant from = instant("from", r.from());
        Instant to = instant("to", r.to());
        if (r.dryRun()) {
            return Response.ok(operations.replayFailed(r.messageIds(), r.peer(), r.type(), r.errorCode(), from, to,
                    r.reason(), true, user())).build();
        }
        Operations.requireReason(r.reason());
        List<String> ids = r.messageIds() == null || r.messageIds().isEmpty()
                ? operations.failedIds(r.peer(), r.type(), r.errorCode(), from, to) : r.messageIds();
        return answer(requests.submit(ReplayRequests.Kind.MESSAGES, ids, r.reason(), user()));
    }

    /** 200 with the summary of a replay done at once, 202 with the request that waits for a second operator. */
    private static Response answer(ReplayRequests.Outcome outcome) {
        if (outcome instanceof ReplayRequests.Pending pending) {
            return Response.accepted(pending.request()).build();
        }
        return Response.ok(((ReplayRequests.Done) outcome).summary()).build();
    }

    @GET
    @Path("/replay-requests")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay requests above the four-eyes threshold (status PENDING, EXECUTING, EXECUTED, REJECTED, "
            + "EXPIRED, or all), newest first")
    public List<ReplayRequests.Request> replayRequests(@QueryParam("status") String status,
                                                       @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(0, size);
        ReplayRequests.Status wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = ReplayRequests.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw new InvalidFormException(List.of(new FieldViolation("status", ViolationCode.NOT_ALLOWED,
                        "must be one of " + java.util.Arrays.toString(ReplayRequests.Status.values()))));
            }
        }
        return requests.list(wanted, size);
    }

    @GET
    @Path("/replay-requests/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One replay request with its ids, its decision and (once executed) what the replay did")
    public ReplayRequests.Request replayRequest(@PathParam("id") String id) {
        return requests.find(id).orElseThrow(() -> new ExchangeException(ErrorCode.REPLAY_REQUEST_UNKNOWN,
                "no replay request " + id));
    }

    /** An approval or a rejection: why, for the audit log. */
    public record Decision(String reason) {
    }

    @POST
    @Path("/replay-requests/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve another operator's PENDING replay request and execute it; reason required",
            description = "404 REPLAY_REQUEST_UNKNOWN, 403 REPLAY_OWN_REQUEST (the requester cannot approve), 409 "
                    + "REPLAY_REQUEST_NOT_PENDING (already decided, or another operator approved it first) or "
                    + "REPLAY_REQUEST_EXPIRED.")
    public ReplayRequests.Request approve(@PathParam("id") String id, Decision decision) {
        return requests.approve(id, decision == null ? null : decision.reason(), user());
    }

    @POST
    @Path("/replay-requests/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject another operator's PENDING replay request (nothing is replayed); reason required",
            description = "The same refusals as approve.")
    public ReplayRequests.Request reject(@PathParam("id") String id, Decision decision) {
        return requests.reject(id, decision == null ? null : decision.reason(), user());
    }

    @GET
    @Path("/quarantine")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quarantined inbound documents by message id, claimed sender (peer), type, error code and time "
            + "received [from, to), newest first, with their resolution if any")
    public List<QuarantineRecord> quarantine(@QueryParam("messageId") String messageId, @QueryParam("peer") String peer,
                                             @QueryParam("type") String type, @QueryParam("errorCode") String errorCode,
                                             @QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("unresolved") @DefaultValue("false") boolean unresolved,
                                             @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return store.quarantined(new MessageStore.QuarantineFilter(messageId, peer, type, errorCode,
                instant("from", from), instant("to", to), unresolved, page, size));
    }

    @GET
    @Path("/quarantine/{id}/masked")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A quarantined document with the person's data masked")
    public String quarantinedBody(@PathParam("id") String id) {
        return MaskedDocument.of(store.quarantinedContent(id)
                .orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id)), maxBytes);
    }

    public record ActionRequest(String reason, boolean dryRun) {
    }

    @POST
    @Path("/quarantine/{id}/reverify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a quarantined document again (e.g. after a trust anchor update) and process it if it now passes")
    public Operations.Reverified reverify(@PathParam("id") String id, ActionRequest request) {
        store.findQuarantined(id).orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id));
        return operations.reverify(id, request == null ? null : request.reason(), request != null && request.dryRun(),
                user());
    }

    @POST
    @Path("/ping/{peer}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a signed Ping to a peer through the broker and wait for its signed Pong",
            description = "Answers the round trip and the certificate the peer signed with; 504 NO_ANSWER when no Pong "
                    + "comes within timeout (ISO-8601, default PT10S, at most PT60S).")
    public Pings.Pong ping(@PathParam("peer") String peer, @QueryParam("timeout") @DefaultValue("PT10S") String timeout) {
        java.time.Duration wait;
        try {
            wait = java.time.Duration.parse(timeout);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidFormException(List.of(new FieldViolation("timeout", ViolationCode.FORMAT,
                    "must be an ISO-8601 duration such as PT10S")));
        }
        if (wait.isNegative() || wait.isZero() || wait.compareTo(java.time.Duration.ofSeconds(60)) > 0) {
            throw new InvalidFormException(List.of(new FieldViolation("timeout", ViolationCode.OUT_OF_RANGE,
                    "must be more than 0 and at most PT60S")));
        }
        return pings.ping(peer, wait);
    }

    @POST
    @Path("/cases/{id}/resolve-amount-mismatch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clear the amount mismatch of a transfer-in case (e.g. the difference was settled), so that it can complete",
            description = "The other way out is a Refusal with reason 08. Reason required; audited. 409-like 422 "
                    + "TRANSITION_NOT_ALLOWED when the case has no mismatch waiting for completion.")
    public Map<String, Object> resolveAmountMismatch(@PathParam("id") String id, ActionRequest request) {
        cases.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("case " + id));
        String reason = request == null ? null : request.reason();
        Operations.requireReason(reason);
        if (!cases.resolveAmountMismatch(id, user(), reason)) {
            throw new ExchangeException(ErrorCode.TRANSITION_NOT_ALLOWED, "case " + id
                    + " has no amount mismatch waiting for completion");
        }
        return Map.of("caseId", id, "amountMismatch", false, "resolvedBy", user());
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "This node's messages on its dead-letter queue node.<id>.dlq, by sender (peer), type and time "
            + "sent [from, to)")
    public List<DeadLetters.DeadLetter> deadLetters(@QueryParam("peer") String peer, @QueryParam("type") String type,
                                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return deadLetters.list(new DeadLetters.Filter(peer, type, instant("from", from), instant("to", to)), page, size);
    }

    @GET
    @Path("/dead-letters/{brokerId}/masked")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "A dead letter's body with the person's data masked")
    public String deadLetterBody(@PathParam("brokerId") String brokerId) {
        return MaskedDocument.of(deadLetters.content(brokerId)
                .orElseThrow(() -> ApiExceptionMappers.notFound("dead letter " + brokerId)), maxBytes);
    }

    /** A bulk action on the ids given, or on all candidates when none are given. */
    public record BulkRequest(List<String> ids, String reason, boolean dryRun) {
        static BulkRequest orEmpty(BulkRequest request) {
            return request == null ? new BulkRequest(null, null, false) : request;
        }
    }

    @POST
    @Path("/dead-letters/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move dead letters (the ids given, or all of this node's) back to the inbox; reason required",
            description = "200 with the summary for at most node.operations.four-eyes-threshold letters; above it 202 "
                    + "with a PENDING replay request that another operator must approve.")
    public Response replayDeadLetters(BulkRequest request) {
        BulkRequest r = BulkRequest.orEmpty(request);
        if (r.dryRun()) {
            return Response.ok(operations.replayDeadLetters(r.ids(), r.reason(), true, user())).build();
        }
        Operations.requireReason(r.reason());
        List<String> ids = r.ids() == null || r.ids().isEmpty() ? operations.deadLetterIds() : r.ids();
        return answer(requests.submit(ReplayRequests.Kind.DEAD_LETTERS, ids, r.reason(), user()));
    }

    @GET
    @Path("/webhooks")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Notifications of the local system: PENDING (with attempts and last error), DELIVERED, FAILED")
    public List<WebhookStore.Notification> webhooks(@QueryParam("status") String status,
                                                    @QueryParam("page") @DefaultValue("0") int page,
                                                    @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        if (status != null && !List.of("PENDING", "DELIVERED", "FAILED").contains(status)) {
            throw new InvalidFormException(List.of(new FieldViolation("status", ViolationCode.NOT_ALLOWED,
                    "must be one of [PENDING, DELIVERED, FAILED]")));
        }
        return webhooks.list(status, page, size);
    }

    @POST
    @Path("/webhooks/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue FAILED local-system notifications again (the ids given, or all FAILED); reason required")
    public Operations.Summary replayWebhooks(BulkRequest request) {
        BulkRequest r = BulkRequest.orEmpty(request);
        return operations.replayWebhooks(r.ids(), r.reason(), r.dryRun(), user());
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFormException(List.of(new FieldViolation(field, ViolationCode.NOT_A_TIME,
                    "must be an ISO-8601 instant such as 2026-11-26T00:00:00Z")));
        }
    }
}
