package org.exchangenode.core.form;

import java.util.List;
import java.util.stream.Collectors;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/** A form that breaks field rules; carries every violation. */
public class InvalidFormException extends ExchangeException {
    private final transient List<FieldViolation> violations;

    public InvalidFormException(List<FieldViolation> violations) {
        super(ErrorCode.FIELD_INVALID, violations.stream().map(v -> v.field() + " " + v.code() + ": " + v.message())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
