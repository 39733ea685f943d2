package org.exchangenode.core.form;

/**
 * 联系函: the transfer-in agency asks the transfer-out agency for the information form and the funds.
 * {@code transferType} is 01 (across provinces) or 02 (within a province); {@code accountCategory} is 0 (ordinary)
 * or 1 (temporary account).
 */
public record ContactLetter(
        String letterNumber,
        String letterDate,
        String transferType,
        String accountCategory,
        Person person,
        Agency addresseeAgency,
        ReceivingAgency transferInAgency,
        Handler handler) {
}
