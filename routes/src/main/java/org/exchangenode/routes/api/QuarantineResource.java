package org.exchangenode.routes.api;

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
import org.exchangenode.routes.persistence.MessageStore;
import org.exchangenode.routes.persistence.QuarantineRecord;

@Path("/api/v1/quarantine")
@Tag(name = "quarantine", description = "Inbound documents refused by a permanent check")
public class QuarantineResource {
    private final MessageStore store;

    public QuarantineResource(MessageStore store) {
        this.store = store;
    }

    @GET
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
    @Produces(MediaType.APPLICATION_JSON)
    public QuarantineRecord get(@PathParam("id") String id) {
        return store.findQuarantined(id).orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id));
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.APPLICATION_XML)
    @Operation(summary = "The refused document exactly as received")
    public Response content(@PathParam("id") String id) {
        return store.quarantinedContent(id).map(bytes -> Response.ok(bytes, MediaType.APPLICATION_XML_TYPE).build())
                .orElseThrow(() -> ApiExceptionMappers.notFound("quarantine record " + id));
    }

}
