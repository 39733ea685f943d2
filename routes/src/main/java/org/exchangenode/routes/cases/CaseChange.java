package org.exchangenode.routes.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.exchangenode.core.cases.CaseAmounts;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.form.Masking;

/**
 * What a business message does to its case, as data: the case opens or moves, and its waiting steps change with it.
 * Built from node-core's case decision by the wiring; written by the message store in the transaction that stores the
 * message, with the message as the case's timeline event.
 */
public sealed interface CaseChange {

    String caseId();

    Steps steps();

    /**
     * Opens a case with its first message (the contact letter). One open case per person, peer and role: a second
     * one is refused with {@code CASE_ALREADY_OPEN} and nothing of the message is stored.
     */
    record Open(String caseId, CaseRole role, CaseState state, String peer, String personIdNumber, String personName,
                String letterNumber, Steps steps) implements CaseChange {
        /** Never the person in clear: this change travels in {@link org.exchangenode.routes.messages.MessageWrite}. */
        @Override
        public String toString() {
            return "Open[case " + caseId + ", " + role + ", " + state + ", peer " + peer + ", person "
                    + Masking.idNumber(personIdNumber) + ", letter " + letterNumber + "]";
        }
    }

    /**
     * Moves a case from {@code from} to {@code to} with the amounts the message carries (null: unchanged). Fails with
     * a transient error (the message is tried again) when the case moved meanwhile.
     */
    record Advance(String caseId, CaseState from, CaseState to, CaseAmounts amounts, Boolean amountMismatch,
                   Steps steps) implements CaseChange {
    }

    /** The move's change to the waiting steps at {@code at}: meet, then close the rest if asked, then start. */
    record Steps(CaseDeadlines.Change change, List<NewStep> started, Instant at) {
        public Steps {
            started = List.copyOf(started);
        }
    }

    /** A step a move starts: its limit and, when the calendar reaches it, its due date (else null). */
    record NewStep(CaseStep step, int limitDays, LocalDate dueOn) {
    }
}
