package org.exchangenode.core.form;

/**
 * The insured person. Dates are ISO-8601 strings as submitted; {@link FormValidator} checks them. The ID number is
 * personal data: log it only through {@link Masking}.
 */
public record Person(
        String name,
        String idNumber,
        String sex,
        String birthDate,
        String householdRegistration,
        String personalNumber,
        Boolean migrantWorker) {
}
