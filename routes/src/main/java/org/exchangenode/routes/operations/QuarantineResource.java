package org.exchangenode.routes.operations;

import io.quarkus.security.identity.SecurityIdentity;
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
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.routes.api.ApiExceptionMappers;
import org.exchangenode.routes.api.Paging;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.messages.MessageStore;

@Path("/api/v1/quarantine")
@Tag(name = "quarantine", description = "Inbound documents refused by a permanent check (role operator)")
@RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
public class QuarantineResource {
    private final MessageStore store;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public QuarantineResource(MessageStore store, AuditLog audit, SecurityIdentity identity) {
        this.store = store;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quarantined documents, newest first; filter by the message id they claimed")
    public List<QuarantineRecord> list(@QueryParam("messageId") String messageId,
                                       @QueryParam("page") @DefaultValue("0") int page,
                                       @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        return store.quarantined(MessageStore.QuarantineFilter.byMessage(messageId, page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One quarantine record: claimed id and sender, code, message, resolution (no content)")
    public QuarantineRecord get(@PathParam("id") String id) {
        return store.findQuarantined(id).orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The refused document exactly as received, unmasked: give the reason, recorded in the audit "
            + "log with the user (…/operations/quarantine/{id}/masked shows it masked, unrecorded)")
    public Response content(@PathParam("id") String id, @QueryParam("reason") String reason) {
        Operations.requireReason(reason);
        byte[] bytes = store.quarantinedContent(id)
                .orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id));
        // recorded before it is served: a read the log does not show never happened
        audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, store.findQuarantined(id)
                .map(QuarantineRecord::messageId).orElse(null), identity.getPrincipal().getName(),
                "read quarantined document " + id + " unmasked: " + reason, null));
        return Response.ok(bytes, MediaType.APPLICATION_XML_TYPE).build();
    }

}
