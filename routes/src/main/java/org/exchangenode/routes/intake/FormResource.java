package org.exchangenode.routes.intake;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;

@Path("/api/v1/forms")
@Tag(name = "intake", description = "Forms from the local business system")
public class FormResource {
    private final FormIntake intake;

    public FormResource(FormIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/{type}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an information form, fund transfer notice, completion notice, refusal or reminder as XML",
            description = "type is info-form, fund-transfer-notice, completion-notice, refusal or reminder; the body is "
                    + "the form element (schemas module, e.g. samples/info-form.xml). Checks the schema and the rules "
                    + "beyond it (amounts to the fen, yearly rows, ID numbers), then signs and stores the form for "
                    + "sending to node `to` in case `conversationId`.")
    @APIResponse(responseCode = "202", description = "signed and stored; it will be sent")
    @APIResponse(responseCode = "422", description = "no such form type, or rules broken: every failing field is listed")
    public Response submit(@PathParam("type") String type, @QueryParam("to") String to,
                           @QueryParam("conversationId") String conversationId, byte[] xml) {
        MessageType messageType = FormIntake.type(type).orElseThrow(() -> new InvalidFormException(List.of(
                new FieldViolation("type", "NOT_ALLOWED",
                        "must be one of info-form, fund-transfer-notice, completion-notice, refusal, reminder"))));
        EnvelopeHeader header = intake.submit(messageType, to, conversationId, xml == null ? new byte[0] : xml);
        return Response.accepted(new ContactLetterResource.Accepted(header.messageId(), header.conversationId(),
                        header.to(), "STORED"))
                .location(URI.create("/api/v1/messages/" + header.messageId()))
                .build();
    }
}
