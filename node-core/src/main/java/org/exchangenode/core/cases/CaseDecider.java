package org.exchangenode.core.cases;

import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.form.FormFacts;

/**
 * The case rules of a business form, sent or received, decided before it is stored (the store then applies the
 * decision in the transaction that stores the form):
 * <ul>
 *   <li>a contact letter opens a case: transfer-in when this node sends it, transfer-out when it receives it; refused
 *       (CASE_ALREADY_OPEN) when its conversation id names a case already, or when the person has an open case with the
 *       same peer in the same role;</li>
 *   <li>any other form needs the case of its conversation id (CASE_UNKNOWN), with the same peer and the same person
 *       (TRANSITION_NOT_ALLOWED), and a move {@link CaseMachine} allows;</li>
 *   <li>a completion notice is not sent while the case's amounts differ (TRANSITION_NOT_ALLOWED: a Refusal with reason
 *       08, or an operator's resolution, comes first);</li>
 *   <li>an information form records its total ⑥, a fund-transfer notice its amount; on reaching
 *       {@link CaseState#AWAITING_COMPLETION} the two are compared, and a difference (or a missing one) is flagged.</li>
 * </ul>
 */
public final class CaseDecider {
    private CaseDecider() {
    }

    /** Finds the open case of a person with a peer in a role; asked only for a contact letter. */
    @FunctionalInterface
    public interface OpenCases {
        Optional<StoredCase> find(String personIdNumber, String peer, CaseRole role);
    }

    /**
     * @param header    the form's header: its type, case (conversation id), peer and message
     * @param direction whether this node sends the form or received it
     * @param facts     what the form says of its person and amounts
     * @param stored    the case of the header's conversation id, if this node has one
     * @param openCases the open cases of a person (for a contact letter)
     */
    public static CaseDecision decide(EnvelopeHeader header, Direction direction, FormFacts facts,
                                      Optional<StoredCase> stored, OpenCases openCases) {
        String peer = direction.peer(header);
        boolean outbound = direction == Direction.OUTBOUND;
        if (header.type() == MessageType.CONTACT_LETTER) {
            return open(header, outbound, peer, facts, stored, openCases);
        }
        if (stored.isEmpty()) {
            return new CaseDecision.Refuse(ErrorCode.CASE_UNKNOWN, "no case " + header.conversationId()
                    + " at this node");
        }
        StoredCase current = stored.get();
        if (!current.peer().equals(peer)) {
            return new CaseDecision.Refuse(ErrorCode.TRANSITION_NOT_ALLOWED, "case " + current.caseId()
                    + " is with node " + current.peer() + ", not " + peer);
        }
        if (!current.personIdNumber().equals(facts.personIdNumber())) {
            return new CaseDecision.Refuse(ErrorCode.TRANSITION_NOT_ALLOWED, "the form's person is not the person of "
                    + "case " + current.caseId());
        }
        if (outbound && header.type() == MessageType.COMPLETION_NOTICE && current.amountMismatch()) {
            return new CaseDecision.Refuse(ErrorCode.TRANSITION_NOT_ALLOWED, "the funds notified differ "
                    + "from total ⑥ of the information form (the case shows both): send a Refusal with reason 08, or "
                    + "settle the difference first");
        }
        CaseState next;
        try {
            next = CaseMachine.next(current.role(), current.state(), header.type(), outbound);
        } catch (ExchangeException e) {
            return new CaseDecision.Refuse(e.code(), e.getMessage());
        }
        CaseAmounts carried = carried(header.type(), facts);
        Boolean mismatch = next == CaseState.AWAITING_COMPLETION ? current.amounts().updatedBy(carried).differ() : null;
        return new CaseDecision.Advance(current.caseId(), current.state(), next, carried, mismatch);
    }

    private static CaseDecision open(EnvelopeHeader header, boolean outbound, String peer, FormFacts facts,
                                     Optional<StoredCase> stored, OpenCases openCases) {
        if (stored.isPresent()) {
            return new CaseDecision.Refuse(ErrorCode.CASE_ALREADY_OPEN, "case " + header.conversationId()
                    + " already exists");
        }
        CaseRole role = outbound ? CaseRole.TRANSFER_IN : CaseRole.TRANSFER_OUT;
        Optional<StoredCase> open = openCases.find(facts.personIdNumber(), peer, role);
        if (open.isPresent()) {
            return new CaseDecision.Refuse(ErrorCode.CASE_ALREADY_OPEN, "the person already has open case "
                    + open.get().caseId() + " (" + open.get().state() + ") with node " + peer);
        }
        return new CaseDecision.Open(header.conversationId(), role, CaseMachine.opening(outbound), peer, facts);
    }

    /** Which amount a form records on its case: ⑥ of an information form, the amount of a fund notice, else none. */
    static CaseAmounts carried(MessageType type, FormFacts facts) {
        return switch (type) {
            case INFO_FORM -> new CaseAmounts(facts.infoTotal(), null);
            case FUND_TRANSFER_NOTICE -> new CaseAmounts(null, facts.fundAmount());
            default -> CaseAmounts.NONE;
        };
    }
}
