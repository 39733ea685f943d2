package org.exchangenode.routes.api;

import static org.exchangenode.core.text.LogText.escape;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.JsonForms;
import org.exchangenode.core.form.ViolationCode;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps failures to answers a local-system developer can act on: 400 for a body that is not the expected JSON (naming
 * the field where Jackson can, and a key given twice), 413 for a document nested too deep or holding too many
 * elements, 422 listing every broken field rule, 503 when a dependency is down, 500 otherwise.
 */
public class ApiExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response invalidForm(InvalidFormException e) {
        return json(422, ApiError.of(ErrorCode.FIELD_INVALID, "the form breaks " + e.violations().size()
                + " field rule(s); nothing was stored", e.violations()));
    }

    // Quarkus ships mappers for these exact Jackson types (empty 400s); mapping the same types here replaces them.
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return json(400, ApiError.of(ErrorCode.MALFORMED_JSON, "unknown field " + field,
                List.of(new FieldViolation(field, ViolationCode.UNKNOWN_FIELD, "is not a field of this form"))));
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return json(400, ApiError.of(ErrorCode.MALFORMED_JSON, "the body is not the expected JSON object"
                    + where(e)));
        }
        String field = path(e);
        return json(400, ApiError.of(ErrorCode.MALFORMED_JSON, "field " + field + " has the wrong JSON type"
                + where(e), List.of(new FieldViolation(field, ViolationCode.WRONG_TYPE, "has the wrong JSON type"))));
    }

    @ServerExceptionMapper
    public Response notJson(JsonParseException e) {
        return duplicateKey(e).orElseGet(() -> json(400, ApiError.of(ErrorCode.MALFORMED_JSON,
                "the body is not valid JSON" + where(e))));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return duplicateKey(e).orElseGet(() -> json(400, ApiError.of(ErrorCode.MALFORMED_JSON,
                "the body is not the expected JSON" + where(e))));
    }

    /** A key given twice in one object (the parser refuses it; binding to a class wraps that refusal). */
    private static Optional<Response> duplicateKey(JsonProcessingException e) {
        return JsonForms.duplicateKey(e).map(key -> json(400, ApiError.of(ErrorCode.MALFORMED_JSON, "key " + key
                + " appears twice in one object", List.of(new FieldViolation(key, ViolationCode.DUPLICATE_KEY,
                "appears twice in one JSON object")))));
    }

    /** Quarkus wraps JSON syntax errors in a bare 400; unwrap them so the caller learns where the body broke. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonParseException parse) {
            return notJson(parse);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return otherJson(json);
        }
        return e.getResponse();
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    @ServerExceptionMapper
    public Response exchange(ExchangeException e) {
        if (e.code() == ErrorCode.NO_ANSWER) {
            return json(504, ApiError.of(e.code(), e.getMessage()));
        }
        if (e.code() == ErrorCode.TRANSIENT_FAILURE) {
            LOG.warnf("request failed, dependency unavailable: %s", escape(e.getMessage()));
            return json(503, ApiError.of(e.code(), "the database or the broker is temporarily unavailable; retry later (a refused submission is not stored)"));
        }
        switch (e.code()) {
            case REPLAY_REQUEST_UNKNOWN -> {
                return json(404, ApiError.of(e.code(), e.getMessage()));
            }
            case REPLAY_OWN_REQUEST -> {
                return json(403, ApiError.of(e.code(), e.getMessage()));
            }
            case REPLAY_REQUEST_NOT_PENDING, REPLAY_REQUEST_EXPIRED -> {
                return json(409, ApiError.of(e.code(), e.getMessage()));
            }
            default -> {
            }
        }
        if (e.code() == ErrorCode.DOCUMENT_TOO_COMPLEX) {
            return json(413, ApiError.of(e.code(), e.getMessage()));
        }
        if (e.code().callerFault()) {
            return json(422, ApiError.of(e.code(), e.getMessage()));
        }
        LOG.error("request failed", e);
        return json(500, ApiError.of(e.code(), e.code().summary()));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** A 404 carrying the API error body. */
    public static NotFoundException notFound(String what) {
        return new NotFoundException(json(404, ApiError.of("NOT_FOUND", "no " + what)));
    }

    public static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
