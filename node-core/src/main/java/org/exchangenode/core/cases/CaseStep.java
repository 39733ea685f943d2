package org.exchangenode.core.cases;

/**
 * A step of a case that waits on someone, with a time limit in working days (DOMAIN.md, "The process"). Steps
 * {@link Owner#THIS_NODE} are this agency's own work; steps {@link Owner#PEER} wait on the other agency and are the
 * ones a {@code Reminder} may be sent for.
 */
public enum CaseStep {
    /** Transfer-out, step 3: answer the contact letter with the information form and the funds. */
    SEND_INFO_AND_FUNDS(Owner.THIS_NODE, Limit.STEP_3, "InfoForm"),
    /** Transfer-out, step 3a: written notice to the person of back-payment periods that cannot move (94号). */
    LUMP_SUM_NOTICE(Owner.THIS_NODE, Limit.STEP_3A, null),
    /** Transfer-in: waiting for the peer's information form and fund notice (the peer's step 3). */
    AWAIT_INFO_AND_FUNDS(Owner.PEER, Limit.STEP_3, "InfoForm"),
    /** Transfer-in, step 4: check the form against the funds, credit the accounts, tell the person. */
    COMPLETE(Owner.THIS_NODE, Limit.STEP_4, "Completion"),
    /** Transfer-out: waiting for the peer's completion notice (the peer's step 4). */
    AWAIT_COMPLETION(Owner.PEER, Limit.STEP_4, "Completion");

    /** Who must act for the step to be met. */
    public enum Owner { THIS_NODE, PEER }

    /** The configurable limits: step 3 (15 working days), step 3a (10), step 4 (15). */
    public enum Limit { STEP_3, STEP_3A, STEP_4 }

    private final Owner owner;
    private final Limit limit;
    private final String reminderStep;

    CaseStep(Owner owner, Limit limit, String reminderStep) {
        this.owner = owner;
        this.limit = limit;
        this.reminderStep = reminderStep;
    }

    public Owner owner() {
        return owner;
    }

    public Limit limit() {
        return limit;
    }

    /** The {@code Step} code of a Reminder about this step ({@code InfoForm}, {@code Completion}), if it has one. */
    public String reminderStep() {
        return reminderStep;
    }
}
