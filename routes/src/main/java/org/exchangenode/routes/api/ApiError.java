package org.exchangenode.routes.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.FieldViolation;

/**
 * The body of every 4xx/5xx answer: a catalogue code, a readable message and, for field errors, every failing field
 * with its JSON path.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String message, List<FieldViolation> violations) {
    public static ApiError of(String code, String message) {
        return new ApiError(code, message, List.of());
    }

    /** An answer with a code of the catalogue. */
    public static ApiError of(ErrorCode code, String message) {
        return of(code, message, List.of());
    }

    /** An answer with a code of the catalogue naming the fields at fault. */
    public static ApiError of(ErrorCode code, String message, List<FieldViolation> violations) {
        return new ApiError(code.name(), message, violations);
    }
}
