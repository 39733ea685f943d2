package org.exchangenode.core.form;

/**
 * One broken field rule: the JSON path of the field (e.g. {@code person.idNumber}), a stable code a program can
 * match, and a readable message. Messages never repeat the field's value (it may be personal data).
 */
public record FieldViolation(String field, String code, String message) {
}
