package org.exchangenode.core.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.form.FormFacts;
import org.junit.jupiter.api.Test;

/** Every case rule, on both sides, with the case as stored given (or none) and nothing else. */
class CaseDeciderTest {
    private static final String ID = "510104198805121377";
    private static final String OTHER_ID = "110105194912310029";
    private static final String CASE = "320100-20261130-0a1b2c3d4e5f";
    private static final CaseDecider.OpenCases NO_OPEN_CASE = (id, peer, role) -> Optional.empty();

    private final List<String> openCaseLookups = new ArrayList<>();

    /** A form of {@code type} in case {@link #CASE} between this node 320100 and 440300, going {@code direction}. */
    private static EnvelopeHeader header(MessageType type, Direction direction) {
        return direction == Direction.OUTBOUND ? EnvelopeHeader.create(type, "320100", "440300", CASE, null)
                : EnvelopeHeader.create(type, "440300", "320100", CASE, null);
    }

    private static FormFacts person(String id) {
        return new FormFacts(id, "张伟", null, null, null);
    }

    private static FormFacts letter() {
        return new FormFacts(ID, "张伟", "320100-2026-000123", null, null);
    }

    private static StoredCase stored(CaseRole role, CaseState state, CaseAmounts amounts, boolean mismatch) {
        return new StoredCase(CASE, role, state, "440300", ID, amounts, mismatch);
    }

    private static CaseDecision decide(MessageType type, Direction direction, FormFacts facts, StoredCase stored) {
        return CaseDecider.decide(header(type, direction), direction, facts, Optional.ofNullable(stored), NO_OPEN_CASE);
    }

    private static void assertRefused(CaseDecision decision, ErrorCode code, String reason) {
        assertThat(decision).isInstanceOfSatisfying(CaseDecision.Refuse.class, refuse -> {
            assertThat(refuse.code()).isEqualTo(code);
            assertThat(refuse.reason()).isEqualTo(reason).doesNotContain(ID);
        });
    }

    // --- a contact letter opens a case

    @Test
    void shouldOpenATransferInCaseWhenThisNodeSendsAContactLetter() {
        CaseDecision decision = CaseDecider.decide(header(MessageType.CONTACT_LETTER, Direction.OUTBOUND),
                Direction.OUTBOUND, letter(), Optional.empty(), (id, peer, role) -> {
                    openCaseLookups.add(id + "|" + peer + "|" + role);
                    return Optional.empty();
                });

        assertThat(decision).isEqualTo(new CaseDecision.Open(CASE, CaseRole.TRANSFER_IN, CaseState.LETTER_SENT,
                "440300", letter()));
        assertThat(openCaseLookups).containsExactly(ID + "|440300|TRANSFER_IN");
    }

    @Test
    void shouldOpenATransferOutCaseWithTheSenderWhenAContactLetterArrives() {
        assertThat(decide(MessageType.CONTACT_LETTER, Direction.INBOUND, letter(), null)).isEqualTo(
                new CaseDecision.Open(CASE, CaseRole.TRANSFER_OUT, CaseState.LETTER_RECEIVED, "440300", letter()));
    }

    @Test
    void shouldRefuseAContactLetterWhenItsConversationIdNamesACaseAlready() {
        CaseDecision decision = CaseDecider.decide(header(MessageType.CONTACT_LETTER, Direction.INBOUND),
                Direction.INBOUND, letter(), Optional.of(stored(CaseRole.TRANSFER_OUT, CaseState.COMPLETED,
                        CaseAmounts.NONE, false)), (id, peer, role) -> {
                    openCaseLookups.add(id);
                    return Optional.empty();
                });

        assertRefused(decision, ErrorCode.CASE_ALREADY_OPEN, "case " + CASE + " already exists");
        assertThat(openCaseLookups).as("refused before looking for the person's cases").isEmpty();
    }

    @Test
    void shouldRefuseAContactLetterWhenThePersonHasAnOpenCaseWithTheSamePeerInTheSameRole() {
        StoredCase open = new StoredCase("440300-C-7", CaseRole.TRANSFER_OUT, CaseState.INFO_SENT, "440300", ID,
                CaseAmounts.NONE, false);

        CaseDecision decision = CaseDecider.decide(header(MessageType.CONTACT_LETTER, Direction.INBOUND),
                Direction.INBOUND, letter(), Optional.empty(),
                (id, peer, role) -> id.equals(ID) && peer.equals("440300") && role == CaseRole.TRANSFER_OUT
                        ? Optional.of(open) : Optional.empty());

        assertRefused(decision, ErrorCode.CASE_ALREADY_OPEN,
                "the person already has open case 440300-C-7 (INFO_SENT) with node 440300");
    }

    // --- every other form needs its case, with the same peer and person

    @Test
    void shouldRefuseAFormWhenThisNodeHasNoCaseOfItsConversationId() {
        assertRefused(decide(MessageType.INFO_FORM, Direction.INBOUND, person(ID), null), ErrorCode.CASE_UNKNOWN,
                "no case " + CASE + " at this node");
    }

    @Test
    void shouldRefuseAFormWhenTheCaseIsAnotherPeers() {
        StoredCase elsewhere = new StoredCase(CASE, CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, "510100", ID,
                CaseAmounts.NONE, false);

        assertRefused(decide(MessageType.INFO_FORM, Direction.INBOUND, person(ID), elsewhere),
                ErrorCode.TRANSITION_NOT_ALLOWED, "case " + CASE + " is with node 510100, not 440300");
    }

    @Test
    void shouldRefuseAFormWhenItsPersonIsNotThePersonOfTheCase() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, CaseAmounts.NONE, false);

        assertRefused(decide(MessageType.INFO_FORM, Direction.INBOUND, person(OTHER_ID), current),
                ErrorCode.TRANSITION_NOT_ALLOWED, "the form's person is not the person of case " + CASE);
        assertRefused(decide(MessageType.INFO_FORM, Direction.INBOUND, person(null), current),
                ErrorCode.TRANSITION_NOT_ALLOWED, "the form's person is not the person of case " + CASE);
    }

    @Test
    void shouldRefuseWithTheCaseMachinesCodeAndReasonWhenTheFormMayNotComeNext() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, CaseAmounts.NONE, false);

        assertRefused(decide(MessageType.COMPLETION_NOTICE, Direction.OUTBOUND, person(ID), current),
                ErrorCode.TRANSITION_NOT_ALLOWED, "a CompletionNotice sent by the transfer-in side may not follow "
                        + "LETTER_SENT (the information form and the fund notice must both have arrived)");
        assertRefused(decide(MessageType.INFO_FORM, Direction.INBOUND, person(ID),
                        stored(CaseRole.TRANSFER_IN, CaseState.REFUSED, CaseAmounts.NONE, false)),
                ErrorCode.CASE_CLOSED, "the case is REFUSED: no InfoForm may follow");
    }

    // --- completion blocked by an amount mismatch

    @Test
    void shouldRefuseToSendTheCompletionNoticeWhenTheFundsDifferFromTheTotal() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.AWAITING_COMPLETION,
                new CaseAmounts(new BigDecimal("52598.90"), new BigDecimal("52500.00")), true);

        assertRefused(decide(MessageType.COMPLETION_NOTICE, Direction.OUTBOUND, person(ID), current),
                ErrorCode.TRANSITION_NOT_ALLOWED, "the funds notified differ from total ⑥ of the "
                        + "information form (the case shows both): send a Refusal with reason 08, or settle the "
                        + "difference first");
    }

    @Test
    void shouldLetARefusalCloseACaseWhoseAmountsDiffer() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.AWAITING_COMPLETION,
                new CaseAmounts(new BigDecimal("52598.90"), new BigDecimal("52500.00")), true);

        assertThat(decide(MessageType.REFUSAL, Direction.OUTBOUND, person(ID), current)).isEqualTo(
                new CaseDecision.Advance(CASE, CaseState.AWAITING_COMPLETION, CaseState.REFUSED, CaseAmounts.NONE, null));
    }

    @Test
    void shouldCompleteTheCaseWhenTheMismatchWasResolved() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.AWAITING_COMPLETION,
                new CaseAmounts(new BigDecimal("52598.90"), new BigDecimal("52500.00")), false);

        assertThat(decide(MessageType.COMPLETION_NOTICE, Direction.OUTBOUND, person(ID), current)).isEqualTo(
                new CaseDecision.Advance(CASE, CaseState.AWAITING_COMPLETION, CaseState.COMPLETED, CaseAmounts.NONE,
                        null));
    }

    @Test
    void shouldNotBlockAReceivedCompletionNoticeWhateverTheFlag() {
        StoredCase current = new StoredCase(CASE, CaseRole.TRANSFER_OUT, CaseState.FUNDS_SENT, "440300", ID,
                new CaseAmounts(null, new BigDecimal("1.00")), true);

        assertThat(decide(MessageType.COMPLETION_NOTICE, Direction.INBOUND, person(ID), current))
                .isInstanceOf(CaseDecision.Advance.class);
    }

    // --- which amount each form carries, and the mismatch itself

    @Test
    void shouldRecordTheTotalOfAnInformationFormAndTheAmountOfAFundNoticeAndNoAmountOfAnyOtherForm() {
        FormFacts both = new FormFacts(ID, "张伟", null, new BigDecimal("1.00"), new BigDecimal("2.00"));

        assertThat(CaseDecider.carried(MessageType.INFO_FORM, both)).isEqualTo(new CaseAmounts(new BigDecimal("1.00"), null));
        assertThat(CaseDecider.carried(MessageType.FUND_TRANSFER_NOTICE, both))
                .isEqualTo(new CaseAmounts(null, new BigDecimal("2.00")));
        for (MessageType type : List.of(MessageType.COMPLETION_NOTICE, MessageType.REFUSAL, MessageType.REMINDER)) {
            assertThat(CaseDecider.carried(type, both)).as(type.name()).isEqualTo(CaseAmounts.NONE);
        }
    }

    @Test
    void shouldRecordTheTotalAndLeaveTheFlagWhenTheInformationFormArrivesFirst() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.LETTER_SENT, CaseAmounts.NONE, false);
        FormFacts form = new FormFacts(ID, "张伟", null, new BigDecimal("52598.90"), null);

        assertThat(decide(MessageType.INFO_FORM, Direction.INBOUND, form, current)).isEqualTo(new CaseDecision.Advance(
                CASE, CaseState.LETTER_SENT, CaseState.INFO_RECEIVED, new CaseAmounts(new BigDecimal("52598.90"), null),
                null));
    }

    @Test
    void shouldFindNoMismatchWhenTheFundsEqualTheTotalToTheFenWhateverTheScale() {
        StoredCase current = stored(CaseRole.TRANSFER_IN, CaseState.INFO_RECEIVED,
                new CaseAmounts(new BigDecimal("52598.90"), null), false);
        FormFacts funds = new FormFacts(ID, "张伟", null, null, new BigDecimal("52598.9"));

        assertThat(decide(MessageType.FUND_TRANSFER_NOTICE, Direction.INBOUND, funds, current)).isEqualTo(
                new CaseDecision.Advance(CASE, CaseState.INFO_RECEIVED, CaseState.AWAITING_COMPLETION,
                        new CaseAmounts(null, new BigDecimal("52598.9")), false));
    }

    @Test
    void shouldFlagAMismatchWhenTheFormArrivingSecondStatesAnotherAmount() {
        StoredCase fundsFirst = stored(CaseRole.TRANSFER_IN, CaseState.FUNDS_RECEIVED,
                new CaseAmounts(null, new BigDecimal("52500.00")), false);
        FormFacts form = new FormFacts(ID, "张伟", null, new BigDecimal("52598.90"), null);

        assertThat(decide(MessageType.INFO_FORM, Direction.INBOUND, form, fundsFirst)).isEqualTo(
                new CaseDecision.Advance(CASE, CaseState.FUNDS_RECEIVED, CaseState.AWAITING_COMPLETION,
                        new CaseAmounts(new BigDecimal("52598.90"), null), true));
    }

    @Test
    void shouldFlagAMismatchWhenAnAmountIsMissingOnReachingAwaitingCompletion() {
        StoredCase noTotal = stored(CaseRole.TRANSFER_IN, CaseState.INFO_RECEIVED, CaseAmounts.NONE, false);
        FormFacts funds = new FormFacts(ID, "张伟", null, null, new BigDecimal("52598.90"));

        assertThat(decide(MessageType.FUND_TRANSFER_NOTICE, Direction.INBOUND, funds, noTotal))
                .isInstanceOfSatisfying(CaseDecision.Advance.class, a -> assertThat(a.amountMismatch()).isTrue());
    }

    @Test
    void shouldKeepTheStateAndChangeNothingElseWhenAReminderComes() {
        StoredCase current = stored(CaseRole.TRANSFER_OUT, CaseState.INFO_SENT, CaseAmounts.NONE, false);

        assertThat(decide(MessageType.REMINDER, Direction.INBOUND, person(ID), current)).isEqualTo(
                new CaseDecision.Advance(CASE, CaseState.INFO_SENT, CaseState.INFO_SENT, CaseAmounts.NONE, null));
    }
}
