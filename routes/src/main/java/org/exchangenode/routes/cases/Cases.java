package org.exchangenode.routes.cases;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.Optional;
import org.exchangenode.core.cases.CaseMachine;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.deadlines.Deadlines;
import org.exchangenode.routes.persistence.CaseStore;
import org.exchangenode.routes.persistence.CaseUpdate;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Decides what a business message does to its case (the conversation), before it is stored: opens one for a contact
 * letter, moves it along {@link CaseMachine} for the other forms, or refuses the message with a case error code
 * (the receiving node answers it with a signed Error; intake answers the local system) — in which case nothing
 * changes. The returned change is applied in the transaction that stores the message.
 */
@Singleton
public class Cases {
    private final CaseStore store;
    private final Deadlines deadlines;

    public Cases(CaseStore store, Deadlines deadlines) {
        this.store = store;
        this.deadlines = deadlines;
    }

    public CaseUpdate onOutbound(EnvelopeHeader header, Element body) {
        return decide(header, body, true);
    }

    public CaseUpdate onInbound(EnvelopeHeader header, Element body) {
        return decide(header, body, false);
    }

    private CaseUpdate decide(EnvelopeHeader header, Element body, boolean outbound) {
        String peer = outbound ? header.to() : header.from();
        Direction direction = outbound ? Direction.OUTBOUND : Direction.INBOUND;
        String idNumber = text(body, "IdNumber");
        if (header.type() == MessageType.CONTACT_LETTER) {
            CaseRole role = outbound ? CaseRole.TRANSFER_IN : CaseRole.TRANSFER_OUT;
            if (store.find(header.conversationId()).isPresent()) {
                throw new ExchangeException(ErrorCode.CASE_ALREADY_OPEN, "case " + header.conversationId()
                        + " already exists");
            }
            Optional<CaseStore.CaseRecord> open = store.findOpen(idNumber, peer, role);
            if (open.isPresent()) {
                throw new ExchangeException(ErrorCode.CASE_ALREADY_OPEN, "the person already has open case "
                        + open.get().caseId() + " (" + open.get().state() + ") with node " + peer);
            }
            return store.open(header.conversationId(), role, CaseMachine.opening(outbound), peer, idNumber,
                    text(body, "Name"), text(body, "LetterNumber"), header.messageId(), header.type().wireName(),
                    direction).andThen(deadlines.onOpen(header.conversationId(), role));
        }
        CaseStore.CaseRecord current = store.find(header.conversationId()).orElseThrow(() -> new ExchangeException(
                ErrorCode.CASE_UNKNOWN, "no case " + header.conversationId() + " at this node"));
        if (!current.peer().equals(peer)) {
            throw new ExchangeException(ErrorCode.TRANSITION_NOT_ALLOWED, "case " + current.caseId() + " is with node "
                    + current.peer() + ", not " + peer);
        }
        if (!current.personIdNumber().equals(idNumber)) {
            throw new ExchangeException(ErrorCode.TRANSITION_NOT_ALLOWED, "the form's person is not the person of case "
                    + current.caseId());
        }
        if (outbound && header.type() == MessageType.COMPLETION_NOTICE && current.amountMismatch()) {
            throw new ExchangeException(ErrorCode.TRANSITION_NOT_ALLOWED, "the funds notified (" + current.fundAmount()
                    + ") differ from total ⑥ of the information form (" + current.infoTotal() + "): send a Refusal "
                    + "with reason 08, or settle the difference first");
        }
        CaseState next = CaseMachine.next(current.role(), current.state(), header.type(), outbound);
        CaseStore.Amounts amounts = switch (header.type()) {
            case INFO_FORM -> new CaseStore.Amounts(amount(body, "Total"), null);
            case FUND_TRANSFER_NOTICE -> new CaseStore.Amounts(null, amount(body, "Amount"));
            default -> CaseStore.Amounts.NONE;
        };
        Boolean mismatch = null;
        if (next == CaseState.AWAITING_COMPLETION) {
            BigDecimal total = amounts.infoTotal() != null ? amounts.infoTotal() : current.infoTotal();
            BigDecimal funds = amounts.fundAmount() != null ? amounts.fundAmount() : current.fundAmount();
            mismatch = total == null || funds == null || total.compareTo(funds) != 0;
        }
        return store.advance(current.caseId(), current.state(), next, amounts, mismatch, header.messageId(),
                header.type().wireName(), direction).andThen(deadlines.onMove(current.caseId(), current.state(), next));
    }

    /** The text of the first element of this local name in the body (forms name them uniquely where used here). */
    private static String text(Element body, String localName) {
        NodeList nodes = body.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static BigDecimal amount(Element body, String localName) {
        String text = text(body, localName);
        return text.isEmpty() ? null : new BigDecimal(text);
    }
}
