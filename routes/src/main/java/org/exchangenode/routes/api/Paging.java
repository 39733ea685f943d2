package org.exchangenode.routes.api;

import java.util.List;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;

/** Page parameters of list calls: page from 0, size 1 to 500. */
public final class Paging {
    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidFormException(List.of(new FieldViolation("page", ViolationCode.OUT_OF_RANGE,
                    "must be 0 or more")));
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidFormException(List.of(new FieldViolation("size", ViolationCode.OUT_OF_RANGE,
                    "must be between 1 and " + MAX_SIZE)));
        }
    }
}
