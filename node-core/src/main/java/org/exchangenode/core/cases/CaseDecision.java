package org.exchangenode.core.cases;

import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FormFacts;

/** What a business form does to its case ({@link CaseDecider}): open one, move one along, or nothing but a refusal. */
public sealed interface CaseDecision {

    /** A contact letter opens case {@code caseId} in {@code state}, this node being {@code role}, with the form's person. */
    record Open(String caseId, CaseRole role, CaseState state, String peer, FormFacts facts) implements CaseDecision {
    }

    /**
     * The case moves from {@code from} to {@code to} (the same state for a Reminder), recording the amounts the form
     * carries ({@link CaseAmounts#NONE} for most forms) and, on reaching {@link CaseState#AWAITING_COMPLETION}, whether
     * the amounts differ ({@code amountMismatch}; null otherwise: the flag stays as it is).
     */
    record Advance(String caseId, CaseState from, CaseState to, CaseAmounts amounts, Boolean amountMismatch)
            implements CaseDecision {
    }

    /**
     * The form may not come: nothing changes, and its sender hears {@code code} and {@code reason} (a received form gets
     * a signed Error, a submitted one is refused at intake). The reason names cases, states, nodes and amounts, never
     * the person.
     */
    record Refuse(ErrorCode code, String reason) implements CaseDecision {
        public ExchangeException exception() {
            return new ExchangeException(code, reason);
        }
    }
}
