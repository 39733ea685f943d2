package org.exchangenode.core.form;

import static org.exchangenode.core.form.ViolationCode.CONTROL_CHARACTER;
import static org.exchangenode.core.form.ViolationCode.DATE_IN_FUTURE;
import static org.exchangenode.core.form.ViolationCode.FORMAT;
import static org.exchangenode.core.form.ViolationCode.NOT_ALLOWED;
import static org.exchangenode.core.form.ViolationCode.REQUIRED;
import static org.exchangenode.core.form.ViolationCode.TOO_LONG;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects every broken field rule of one form, so that a submitter sees all of them at once. Each check names the
 * field by its JSON path and adds at most one violation per field.
 */
final class FieldChecks {
    static final Pattern DIVISION_CODE = Pattern.compile("[1-9][0-9]{5}");
    static final Pattern NODE_ID = Pattern.compile("[1-9][0-9]{5}([0-9]{3})?");
    static final Pattern POSTCODE = Pattern.compile("[0-9]{6}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9\\-]{5,19}");
    static final Pattern BANK_ACCOUNT = Pattern.compile("[0-9]{8,32}");

    private final List<FieldViolation> violations = new ArrayList<>();

    List<FieldViolation> violations() {
        return List.copyOf(violations);
    }

    void add(String field, ViolationCode code, String message) {
        violations.add(new FieldViolation(field, code, message));
    }

    /**
     * False (and a REQUIRED violation) when the value is missing or blank; false (and a CONTROL_CHARACTER violation)
     * when it holds a character XML cannot carry, so that no later step builds XML of it.
     */
    boolean required(String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            add(field, REQUIRED, "is required");
            return false;
        }
        if (value instanceof String s && !xmlCarries(s)) {
            add(field, CONTROL_CHARACTER, CONTROL_CHARACTER_MESSAGE);
            return false;
        }
        return true;
    }

    static final String CONTROL_CHARACTER_MESSAGE = "holds a control character (only tab, line feed and carriage "
            + "return are allowed below U+0020) or another character XML cannot carry";

    /** Whether XML 1.0 can carry every character of {@code text} (its Char production). */
    static boolean xmlCarries(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (!allowed) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    void text(String field, String value, int maxLength, boolean required) {
        if (value == null && !required) {
            return;
        }
        if (required(field, value) && value.codePointCount(0, value.length()) > maxLength) {
            add(field, TOO_LONG, "must have at most " + maxLength + " characters");
        }
    }

    void pattern(String field, String value, Pattern pattern, String expected, boolean required) {
        if (value == null && !required) {
            return;
        }
        if (required(field, value) && !pattern.matcher(value).matches()) {
            add(field, FORMAT, "must be " + expected);
        }
    }

    void oneOf(String field, String value, Set<String> allowed) {
        if (required(field, value) && !allowed.contains(value)) {
            add(field, NOT_ALLOWED, "must be one of " + allowed.stream().sorted().toList());
        }
    }

    /** The parsed date, or null after adding a violation. */
    LocalDate date(String field, String value, LocalDate notAfter) {
        if (!required(field, value)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value);
            if (notAfter != null && date.isAfter(notAfter)) {
                add(field, DATE_IN_FUTURE, "must not be later than " + notAfter);
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            add(field, FORMAT, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    void divisionCode(String field, String value, boolean required) {
        pattern(field, value, DIVISION_CODE, "a 6-digit GB/T 2260 division code", required);
    }

    void nodeId(String field, String value) {
        pattern(field, value, NODE_ID, "a node id: a 6-digit division code, optionally with a 3-digit agency suffix", true);
    }
}
