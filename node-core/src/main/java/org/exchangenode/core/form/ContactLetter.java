package org.exchangenode.core.form;

/**
 * 联系函: the transfer-in agency asks the transfer-out agency for the information form and the funds.
 * {@code transferType} is 01 (across provinces) or 02 (within a province); {@code accountCategory} is 0 (ordinary)
 * or 1 (temporary account). {@code ordinaryAccountConfirmation} is present exactly when the temporary-account rule
 * would apply and the submitter confirms the ordinary account anyway.
 */
public record ContactLetter(
        String letterNumber,
        String letterDate,
        String transferType,
        String accountCategory,
        Person person,
        Agency addresseeAgency,
        ReceivingAgency transferInAgency,
        Handler handler,
        OrdinaryAccountConfirmation ordinaryAccountConfirmation) {

    /** A letter without a confirmation. */
    public ContactLetter(String letterNumber, String letterDate, String transferType, String accountCategory,
                         Person person, Agency addresseeAgency, ReceivingAgency transferInAgency, Handler handler) {
        this(letterNumber, letterDate, transferType, accountCategory, person, addresseeAgency, transferInAgency, handler,
                null);
    }

    /** The same letter with this confirmation. */
    public ContactLetter confirmedOrdinaryAccount(OrdinaryAccountConfirmation confirmation) {
        return new ContactLetter(letterNumber, letterDate, transferType, accountCategory, person, addresseeAgency,
                transferInAgency, handler, confirmation);
    }
}
