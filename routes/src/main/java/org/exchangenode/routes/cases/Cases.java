package org.exchangenode.routes.cases;

import jakarta.inject.Singleton;
import org.exchangenode.core.cases.CaseDecider;
import org.exchangenode.core.cases.CaseDecision;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.routes.deadlines.Deadlines;

/**
 * What a business message does to its case, before it is stored: {@link CaseDecider} decides on the case as stored,
 * and this turns its decision into the {@link CaseChange} (case row, deadlines) that the message store writes in the
 * transaction that stores the message. A refusal is thrown with its case error code (the receiving node answers it
 * with a signed Error; intake answers the local system), and nothing changes.
 */
@Singleton
public class Cases {
    private final CaseStore store;
    private final Deadlines deadlines;

    public Cases(CaseStore store, Deadlines deadlines) {
        this.store = store;
        this.deadlines = deadlines;
    }

    public CaseChange onOutbound(EnvelopeHeader header, FormFacts facts) {
        return decide(header, Direction.OUTBOUND, facts);
    }

    public CaseChange onInbound(EnvelopeHeader header, FormFacts facts) {
        return decide(header, Direction.INBOUND, facts);
    }

    private CaseChange decide(EnvelopeHeader header, Direction direction, FormFacts facts) {
        CaseDecision decision = CaseDecider.decide(header, direction, facts,
                store.find(header.conversationId()).map(CaseStore.CaseRecord::stored),
                (idNumber, peer, role) -> store.findOpen(idNumber, peer, role).map(CaseStore.CaseRecord::stored));
        if (decision instanceof CaseDecision.Open open) {
            return new CaseChange.Open(open.caseId(), open.role(), open.state(), open.peer(), facts.personIdNumber(),
                    facts.personName(), facts.letterNumber(), deadlines.onOpen(open.role()));
        }
        if (decision instanceof CaseDecision.Advance move) {
            return new CaseChange.Advance(move.caseId(), move.from(), move.to(), move.amounts(), move.amountMismatch(),
                    deadlines.onMove(move.from(), move.to()));
        }
        throw ((CaseDecision.Refuse) decision).exception();
    }
}
