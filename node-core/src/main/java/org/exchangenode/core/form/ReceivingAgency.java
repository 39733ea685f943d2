package org.exchangenode.core.form;

/** The transfer-in agency: full contact data and the bank account the funds are paid into. */
public record ReceivingAgency(
        String nodeId,
        String divisionCode,
        String name,
        String address,
        String postcode,
        String department,
        String phone,
        BankAccount bankAccount) {
}
