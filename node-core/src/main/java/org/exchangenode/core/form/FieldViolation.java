package org.exchangenode.core.form;

/**
 * One broken field rule: the path of the field (JSON path such as {@code person.idNumber}, or element path such as
 * {@code /InfoForm/Amounts/Total}), a code from the {@link ViolationCode} catalogue (written as its name wherever a
 * violation is shown), and a readable message. Messages never repeat the field's value (it may be personal data).
 */
public record FieldViolation(String field, ViolationCode code, String message) {
}
