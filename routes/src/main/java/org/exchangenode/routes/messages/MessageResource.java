package org.exchangenode.routes.messages;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.api.ApiError;
import org.exchangenode.routes.api.ApiExceptionMappers;
import org.exchangenode.routes.api.Paging;
import org.exchangenode.routes.api.Roles;

@Path("/api/v1/messages")
@Tag(name = "messages", description = "Messages this node sent and received")
@RolesAllowed(Roles.SUBMITTER)
public class MessageResource {
    private final MessageStore store;

    public MessageResource(MessageStore store) {
        this.store = store;
    }

    @GET
    @Path("/counts")
    @RolesAllowed({Roles.SUBMITTER, Roles.OPERATOR, Roles.AUDITOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Business messages by direction and status, inbound duplicates suppressed, Receipts sent for "
            + "inbound messages, unresolved quarantined documents")
    public MessageStore.Counts counts() {
        return store.counts();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A message's direction, type, peer, status, timestamps and error, if any")
    public MessageView get(@PathParam("id") String id) {
        return store.find(id).map(MessageView::of).orElseThrow(() -> ApiExceptionMappers.notFound("message " + id));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The signed message exactly as it was on the wire (verifiable offline with the trust anchors)")
    public Response content(@PathParam("id") String id) {
        return store.content(id).map(bytes -> Response.ok(bytes, MediaType.APPLICATION_XML_TYPE).build())
                .orElseThrow(() -> ApiExceptionMappers.notFound("message " + id));
    }

    @GET
    @Path("/{id}/attempts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every try to deliver an outbound message: sends, failed sends, Receipt time-outs, FAILED")
    public List<SendAttempt> attempts(@PathParam("id") String id) {
        store.find(id).orElseThrow(() -> ApiExceptionMappers.notFound("message " + id));
        return store.attempts(id);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Messages by direction, type, status, peer or case, newest first, paged")
    public List<MessageView> list(@QueryParam("direction") String direction, @QueryParam("type") String type,
                                  @QueryParam("status") String status, @QueryParam("peer") String peer,
                                  @QueryParam("conversationId") String conversationId,
                                  @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        MessageFilter filter = new MessageFilter(parse(Direction.class, "direction", direction), type,
                parse(MessageStatus.class, "status", status), peer, conversationId, null, null, null, page, size);
        return store.list(filter).stream().map(MessageView::of).toList();
    }

    /** An enum query parameter, case-insensitive; an unknown value is a field error naming the allowed ones. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFormException(List.of(new FieldViolation(field, ViolationCode.NOT_ALLOWED, "must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()))));
        }
    }


    /** The API view of a stored message. */
    public record MessageView(String messageId, Direction direction, String type, String conversationId,
                              String refToMessageId, String from, String to, String peer, MessageStatus status,
                              String createdAt, String storedAt, String sentAt, String deliveredAt, String updatedAt,
                              String signatureAlgorithm, String contentDigest, int deliveries, int receiptsSent,
                              String receiptMessageId, int sendCount, String receiptDueAt, ApiError error) {
        public static MessageView of(StoredMessage m) {
            return new MessageView(m.messageId(), m.direction(), m.type(), m.conversationId(), m.refToMessageId(),
                    m.from(), m.to(), m.peer(), m.status(), text(m.createdAt()), text(m.storedAt()), text(m.sentAt()),
                    text(m.deliveredAt()), text(m.updatedAt()), m.signatureAlgorithm(), m.contentDigest(),
                    m.deliveries(), m.receiptsSent(), m.receiptMessageId(), m.sendCount(), text(m.receiptDueAt()),
                    m.errorCode() == null ? null : ApiError.of(m.errorCode(), m.errorReason()));
        }

        private static String text(java.time.OffsetDateTime time) {
            return time == null ? null : time.toInstant().toString();
        }
    }
}
