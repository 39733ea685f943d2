package org.exchangenode.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.junit.jupiter.api.Test;

/** Every transition of both sides, the allowed ones spelled out, and every other one refused with its reason. */
class CaseMachineTest {
    private static final List<MessageType> FORMS = List.of(MessageType.CONTACT_LETTER, MessageType.INFO_FORM,
            MessageType.FUND_TRANSFER_NOTICE, MessageType.COMPLETION_NOTICE, MessageType.REFUSAL, MessageType.REMINDER);

    private record Move(CaseRole role, CaseState from, MessageType type, boolean outbound) {
    }

    /** The whole table of allowed moves (Refusal and Reminder, allowed in every open state, are added below). */
    private static final Map<Move, CaseState> ALLOWED = Map.of(
            new Move(CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, MessageType.INFO_FORM, false), CaseState.INFO_RECEIVED,
            new Move(CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, MessageType.FUND_TRANSFER_NOTICE, false), CaseState.FUNDS_RECEIVED,
            new Move(CaseRole.TRANSFER_IN, CaseState.INFO_RECEIVED, MessageType.FUND_TRANSFER_NOTICE, false), CaseState.AWAITING_COMPLETION,
            new Move(CaseRole.TRANSFER_IN, CaseState.FUNDS_RECEIVED, MessageType.INFO_FORM, false), CaseState.AWAITING_COMPLETION,
            new Move(CaseRole.TRANSFER_IN, CaseState.AWAITING_COMPLETION, MessageType.COMPLETION_NOTICE, true), CaseState.COMPLETED,
            new Move(CaseRole.TRANSFER_OUT, CaseState.LETTER_RECEIVED, MessageType.INFO_FORM, true), CaseState.INFO_SENT,
            new Move(CaseRole.TRANSFER_OUT, CaseState.INFO_SENT, MessageType.FUND_TRANSFER_NOTICE, true), CaseState.FUNDS_SENT,
            new Move(CaseRole.TRANSFER_OUT, CaseState.FUNDS_SENT, MessageType.COMPLETION_NOTICE, false), CaseState.COMPLETED);

    private static List<CaseState> statesOf(CaseRole role) {
        return role == CaseRole.TRANSFER_IN
                ? List.of(CaseState.LETTER_SENT, CaseState.INFO_RECEIVED, CaseState.FUNDS_RECEIVED,
                        CaseState.AWAITING_COMPLETION, CaseState.COMPLETED, CaseState.REFUSED)
                : List.of(CaseState.LETTER_RECEIVED, CaseState.INFO_SENT, CaseState.FUNDS_SENT, CaseState.COMPLETED,
                        CaseState.REFUSED);
    }

    @Test
    void shouldAllowExactlyTheTableAndRefuseEveryOtherMoveNamingWhy() {
        List<String> checked = new ArrayList<>();
        for (CaseRole role : CaseRole.values()) {
            for (CaseState state : statesOf(role)) {
                for (MessageType type : FORMS) {
                    for (boolean outbound : new boolean[] {true, false}) {
                        Move move = new Move(role, state, type, outbound);
                        CaseState expected = ALLOWED.get(move);
                        if (expected == null && state.open() && type == MessageType.REFUSAL) {
                            expected = CaseState.REFUSED;
                        }
                        if (expected == null && state.open() && type == MessageType.REMINDER) {
                            expected = state;
                        }
                        if (expected != null) {
                            assertThat(CaseMachine.next(role, state, type, outbound)).as("%s", move).isEqualTo(expected);
                        } else {
                            ErrorCode code = type == MessageType.CONTACT_LETTER ? ErrorCode.CASE_ALREADY_OPEN
                                    : !state.open() ? ErrorCode.CASE_CLOSED : ErrorCode.TRANSITION_NOT_ALLOWED;
                            assertThatThrownBy(() -> CaseMachine.next(role, state, type, outbound)).as("%s", move)
                                    .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(code))
                                    .hasMessageContaining(state.name());
                        }
                        checked.add(move.toString());
                    }
                }
            }
        }
        assertThat(checked).hasSize((6 + 5) * FORMS.size() * 2);
    }

    @Test
    void shouldExplainACompletionNoticeBeforeTheInformationForm() {
        assertThatThrownBy(() -> CaseMachine.next(CaseRole.TRANSFER_IN, CaseState.FUNDS_RECEIVED,
                MessageType.COMPLETION_NOTICE, true))
                .hasMessage("a CompletionNotice sent by the transfer-in side may not follow FUNDS_RECEIVED "
                        + "(the information form and the fund notice must both have arrived)");
        assertThatThrownBy(() -> CaseMachine.next(CaseRole.TRANSFER_OUT, CaseState.LETTER_RECEIVED,
                MessageType.FUND_TRANSFER_NOTICE, true))
                .hasMessageEndingWith("(send the information form first)");
    }

    @Test
    void shouldOpenTheCaseOnTheSideOfTheLetter() {
        assertThat(CaseMachine.opening(true)).isEqualTo(CaseState.LETTER_SENT);
        assertThat(CaseMachine.opening(false)).isEqualTo(CaseState.LETTER_RECEIVED);
    }
}
