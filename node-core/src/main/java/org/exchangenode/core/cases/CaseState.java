package org.exchangenode.core.cases;

/** Where a case stands. The first group belongs to the transfer-in side, the second to the transfer-out side. */
public enum CaseState {
    LETTER_SENT,
    INFO_RECEIVED,
    FUNDS_RECEIVED,
    /** Both the information form and the fund notice arrived: step 4 (check, credit, tell the person) runs. */
    AWAITING_COMPLETION,

    LETTER_RECEIVED,
    INFO_SENT,
    FUNDS_SENT,

    COMPLETED,
    REFUSED;

    public boolean open() {
        return this != COMPLETED && this != REFUSED;
    }
}
