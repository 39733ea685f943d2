package org.exchangenode.routes.intake;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.routes.api.ApiError;
import org.exchangenode.routes.api.Roles;

/**
 * The first clients' door for a contact letter, kept as an alias of {@code POST /api/v1/forms/contact-letter} for
 * JSON: the letter goes through the same {@link FormIntake}, from its record on. Only the reading of the body is this
 * door's own: JSON bound to the letter's record, so that a body that is not the expected JSON is a 400 (unknown field,
 * wrong type, a key given twice: {@code ApiExceptionMappers}), as these clients were promised.
 */
@Path("/api/v1/contact-letters")
@Tag(name = "intake", description = "Forms from the local business system")
@RolesAllowed(Roles.SUBMITTER)
public class ContactLetterResource {
    private final FormIntake intake;

    public ContactLetterResource(FormIntake intake) {
        this.intake = intake;
    }

    /** What the node answers once the letter is signed and stored for sending. */
    public record Accepted(String messageId, String conversationId, String to, String status) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a contact letter (联系函)",
            description = "Validates every field, opens a case (the conversation id), signs the letter and stores it "
                    + "for sending to the addressee agency's node. Follow its status at the returned location.")
    @APIResponse(responseCode = "202", description = "signed and stored; it will be sent")
    @APIResponse(responseCode = "400", description = "the body is not the expected JSON")
    @APIResponse(responseCode = "422", description = "field rules broken; every failing field is listed")
    public Response submit(ContactLetter letter) {
        if (letter == null) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(ErrorCode.MALFORMED_JSON, "a JSON body is required")).build();
        }
        return FormResource.accepted(intake.submitLetter(letter));
    }
}
