package org.exchangenode.core.cases;

import org.exchangenode.core.form.Masking;

/**
 * A transfer case as this node stored it, as far as the case rules ({@link CaseDecider}) look at it: its side, state,
 * peer and person, the amounts recorded so far (null until their form came) and whether they were found to differ.
 * Holds an ID number: {@link #toString()} masks it.
 */
public record StoredCase(String caseId, CaseRole role, CaseState state, String peer, String personIdNumber,
                         CaseAmounts amounts, boolean amountMismatch) {

    @Override
    public String toString() {
        return "StoredCase[" + caseId + ", " + role + ", " + state + ", peer " + peer + ", person "
                + Masking.idNumber(personIdNumber) + ", " + amounts + ", amountMismatch " + amountMismatch + "]";
    }
}
