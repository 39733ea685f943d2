package org.exchangenode.routes.localsystem;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.crypto.PayloadKeys;

/**
 * The pull API of the local business system, beside the webhook: received business messages in the order they were
 * stored, each listed until the local system acknowledges it. A client lists, processes, acknowledges, and lists
 * again; a crash between processing and acknowledging gives the same message again (its messageId is the
 * idempotency key), never a gap.
 */
@Path("/api/v1/inbox")
@Tag(name = "inbox", description = "Received forms for the local business system to pull and acknowledge")
@RolesAllowed(Roles.SUBMITTER)
public class PullInboxResource {
    static final int MAX_LIMIT = 100;
    static final int MAX_ACK = 500;
    private final PullInboxStore inbox;
    private final SecurityIdentity identity;
    private final PayloadKeys payloads;

    public PullInboxResource(PullInboxStore inbox, SecurityIdentity identity, PayloadKeys payloads) {
        this.payloads = payloads;
        this.inbox = inbox;
        this.identity = identity;
    }

    /**
     * A received form: {@code form} its XML in clear (decrypted when it travelled encrypted), {@code message} the signed
     * message exactly as received, and where it stands. When the form cannot be opened (no key this node holds decrypts
     * it, e.g. after a key rollover without the old key kept), {@code form} is null and {@code formError} names the
     * code (DECRYPTION_FAILED); the other entries of the page are served as usual.
     */
    public record InboxEntry(long sequence, String messageId, String type, String conversationId, String from,
                             String receivedAt, String acknowledgedAt, String acknowledgedBy, String form,
                             String formError, String message) {
    }

    public record Acknowledgement(List<String> messageIds) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Received business messages after a sequence number, oldest first",
            description = "Unacknowledged ones only unless all=true. Page with after = the last sequence seen; start "
                    + "again from 0 after acknowledging. type filters by message type (e.g. InfoForm).")
    public List<InboxEntry> list(@QueryParam("after") @DefaultValue("0") long after,
                                 @QueryParam("limit") @DefaultValue("50") int limit,
                                 @QueryParam("all") @DefaultValue("false") boolean all,
                                 @QueryParam("type") String type) {
        List<FieldViolation> violations = new ArrayList<>();
        if (after < 0) {
            violations.add(new FieldViolation("after", ViolationCode.OUT_OF_RANGE, "must be 0 or more"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            violations.add(new FieldViolation("limit", ViolationCode.OUT_OF_RANGE,
                    "must be between 1 and " + MAX_LIMIT));
        }
        if (type != null && MessageType.fromWireName(type).filter(MessageType::business).isEmpty()) {
            violations.add(new FieldViolation("type", ViolationCode.NOT_ALLOWED,
                    "must be a business message type such as InfoForm"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        return inbox.list(after, limit, all, type).stream().map(this::entry).toList();
    }

    /** One entry; a form that cannot be opened is marked, so that it does not take the whole page down with it. */
    private InboxEntry entry(PullInboxStore.Entry e) {
        String form = null;
        String formError = null;
        try {
            form = new String(payloads.formOf(e.content()), StandardCharsets.UTF_8);
        } catch (ExchangeException x) {
            formError = x.code().name();
        }
        return new InboxEntry(e.sequence(), e.messageId(), e.type(), e.conversationId(), e.from(),
                e.receivedAt().toInstant().toString(),
                e.acknowledgedAt() == null ? null : e.acknowledgedAt().toInstant().toString(), e.acknowledgedBy(),
                form, formError, new String(e.content(), StandardCharsets.UTF_8));
    }

    @POST
    @Path("/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge received messages: they leave the unacknowledged list",
            description = "Idempotent: a message acknowledged before is reported in alreadyAcknowledged, an id the "
                    + "inbox does not hold in unknown.")
    public PullInboxStore.Acknowledged acknowledge(Acknowledgement body) {
        if (body == null || body.messageIds() == null || body.messageIds().isEmpty()) {
            throw new InvalidFormException(List.of(new FieldViolation("messageIds", ViolationCode.REQUIRED,
                    "list the message ids to acknowledge")));
        }
        if (body.messageIds().size() > MAX_ACK) {
            throw new InvalidFormException(List.of(new FieldViolation("messageIds", ViolationCode.TOO_MANY,
                    "at most " + MAX_ACK + " per call")));
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < body.messageIds().size(); i++) {
            String id = body.messageIds().get(i);
            if (id == null || !id.matches("[0-9a-fA-F\\-]{36}")) {
                violations.add(new FieldViolation("messageIds[" + i + "]", ViolationCode.FORMAT,
                        "must be a message id (UUID)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(violations);
        }
        return inbox.acknowledge(body.messageIds(), identity.getPrincipal().getName(), Instant.now());
    }
}
