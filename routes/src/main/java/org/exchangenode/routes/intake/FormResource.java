package org.exchangenode.routes.intake;

import jakarta.annotation.security.RolesAllowed;
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
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.api.Roles;

/**
 * Every form, as XML or as JSON, on one path per form type. The JSON shape of each form is in the OpenAPI document
 * (components {@code ContactLetterForm}, {@code InfoFormForm}, …), derived from the XSDs.
 */
@Path("/api/v1/forms")
@Tag(name = "intake", description = "Forms from the local business system")
@RolesAllowed(Roles.SUBMITTER)
public class FormResource {
    static final String DESCRIPTION = "type is " + MessageType.PATH_NAMES + ". Checks the schema and the rules "
            + "beyond it (ID numbers, amounts to the fen, yearly rows, the temporary-account rule) and lists every "
            + "failing field at once; then signs and stores the form for sending. A contact letter opens a new case "
            + "(omit conversationId; `to`, if given, must be its addressee); any other form needs `to` (the peer node) "
            + "and `conversationId` (the case).";
    private final FormIntake intake;

    public FormResource(FormIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/{type}")
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitFormXml", summary = "Submit a form as XML (the form's element, e.g. schemas samples/info-form.xml)",
            description = DESCRIPTION)
    @APIResponse(responseCode = "202", description = "signed and stored; it will be sent")
    @APIResponse(responseCode = "422", description = "no such form type, or rules broken: every failing field is listed by element path")
    public Response submitXml(@PathParam("type") String type, @QueryParam("to") String to,
                              @QueryParam("conversationId") String conversationId, byte[] xml) {
        return accepted(intake.submitXml(type(type), to, conversationId, xml == null ? new byte[0] : xml));
    }

    @POST
    @Path("/{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "submitFormJson", summary = "Submit a form as JSON (its shape: the component <Type>Form of this document)",
            description = DESCRIPTION)
    @APIResponse(responseCode = "202", description = "signed and stored; it will be sent")
    @APIResponse(responseCode = "422", description = "no such form type, or rules broken: every failing field is listed by JSON path")
    public Response submitJson(@PathParam("type") String type, @QueryParam("to") String to,
                               @QueryParam("conversationId") String conversationId, byte[] json) {
        return accepted(intake.submitJson(type(type), to, conversationId, json == null ? new byte[0] : json));
    }

    static MessageType type(String type) {
        return MessageType.fromPathName(type).orElseThrow(() -> new InvalidFormException(List.of(
                new FieldViolation("type", ViolationCode.NOT_ALLOWED, "must be one of " + MessageType.PATH_NAMES))));
    }

    /** 202 with where to follow the message: the answer of every REST door once a form is signed and stored. */
    static Response accepted(EnvelopeHeader header) {
        return Response.accepted(new ContactLetterResource.Accepted(header.messageId(), header.conversationId(),
                        header.to(), "STORED"))
                .location(URI.create("/api/v1/messages/" + header.messageId()))
                .build();
    }
}
