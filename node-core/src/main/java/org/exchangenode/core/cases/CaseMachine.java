package org.exchangenode.core.cases;

import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * Which form may come next in a case, on each side. A form that may not is refused (by the receiving node with a
 * signed Error, at intake with the reason) and changes nothing.
 *
 * <pre>
 * transfer-in:  LETTER_SENT → INFO_RECEIVED / FUNDS_RECEIVED (either order) → AWAITING_COMPLETION → COMPLETED
 * transfer-out: LETTER_RECEIVED → INFO_SENT → FUNDS_SENT → COMPLETED (on the CompletionNotice)
 * either side:  a Refusal (sent or received) closes an open case as REFUSED; a Reminder changes nothing
 * </pre>
 * Contact letters open cases and are not transitions; see {@link #opening}.
 */
public final class CaseMachine {
    private CaseMachine() {
    }

    /** The role and state of the case a contact letter opens: sent → transfer-in, received → transfer-out. */
    public static CaseState opening(boolean outbound) {
        return outbound ? CaseState.LETTER_SENT : CaseState.LETTER_RECEIVED;
    }

    /**
     * The state after a form of {@code type} is sent ({@code outbound}) or received in a case.
     *
     * @throws ExchangeException {@link ErrorCode#CASE_CLOSED} or {@link ErrorCode#TRANSITION_NOT_ALLOWED}, naming why
     */
    public static CaseState next(CaseRole role, CaseState state, MessageType type, boolean outbound) {
        if (type == MessageType.CONTACT_LETTER) {
            throw refused(ErrorCode.CASE_ALREADY_OPEN, "a contact letter opens a new case; case is already " + state);
        }
        if (!state.open()) {
            throw refused(ErrorCode.CASE_CLOSED, "the case is " + state + ": no " + type.wireName() + " may follow");
        }
        if (type == MessageType.REFUSAL) {
            return CaseState.REFUSED;
        }
        if (type == MessageType.REMINDER) {
            return state;
        }
        String side = outbound ? "sent" : "received";
        CaseState next = role == CaseRole.TRANSFER_IN ? transferIn(state, type, outbound) : transferOut(state, type, outbound);
        if (next == null) {
            throw refused(ErrorCode.TRANSITION_NOT_ALLOWED, "a " + type.wireName() + " " + side + " by the "
                    + (role == CaseRole.TRANSFER_IN ? "transfer-in" : "transfer-out") + " side may not follow " + state
                    + hint(role, state, type));
        }
        return next;
    }

    private static CaseState transferIn(CaseState state, MessageType type, boolean outbound) {
        if (outbound) {
            return type == MessageType.COMPLETION_NOTICE && state == CaseState.AWAITING_COMPLETION
                    ? CaseState.COMPLETED : null;
        }
        return switch (type) {
            case INFO_FORM -> state == CaseState.LETTER_SENT ? CaseState.INFO_RECEIVED
                    : state == CaseState.FUNDS_RECEIVED ? CaseState.AWAITING_COMPLETION : null;
            case FUND_TRANSFER_NOTICE -> state == CaseState.LETTER_SENT ? CaseState.FUNDS_RECEIVED
                    : state == CaseState.INFO_RECEIVED ? CaseState.AWAITING_COMPLETION : null;
            default -> null;
        };
    }

    private static CaseState transferOut(CaseState state, MessageType type, boolean outbound) {
        if (!outbound) {
            return type == MessageType.COMPLETION_NOTICE && state == CaseState.FUNDS_SENT ? CaseState.COMPLETED : null;
        }
        return switch (type) {
            case INFO_FORM -> state == CaseState.LETTER_RECEIVED ? CaseState.INFO_SENT : null;
            case FUND_TRANSFER_NOTICE -> state == CaseState.INFO_SENT ? CaseState.FUNDS_SENT : null;
            default -> null;
        };
    }

    private static String hint(CaseRole role, CaseState state, MessageType type) {
        if (type == MessageType.COMPLETION_NOTICE && role == CaseRole.TRANSFER_IN) {
            return " (the information form and the fund notice must both have arrived)";
        }
        if (type == MessageType.COMPLETION_NOTICE) {
            return " (the information form and the fund notice must both have been sent)";
        }
        if (type == MessageType.FUND_TRANSFER_NOTICE && role == CaseRole.TRANSFER_OUT && state == CaseState.LETTER_RECEIVED) {
            return " (send the information form first)";
        }
        return "";
    }

    private static ExchangeException refused(ErrorCode code, String reason) {
        return new ExchangeException(code, reason);
    }
}
