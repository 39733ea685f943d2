package org.exchangenode.routes.cases;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.cases.CaseAmounts;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.core.cases.CaseRole;
import org.exchangenode.core.cases.CaseState;
import org.exchangenode.core.cases.ContributionOverlaps;
import org.exchangenode.core.cases.StoredCase;
import org.exchangenode.core.exchange.Direction;

/**
 * Transfer cases and their timelines. A message's change to its case is a {@link CaseChange} that the message store
 * writes with the message; this store reads cases and keeps what the local system and operators add to them.
 */
public interface CaseStore {

    record CaseRecord(String caseId, CaseRole role, CaseState state, String peer, String personIdNumber,
                      String personName, String letterNumber, BigDecimal infoTotal, BigDecimal fundAmount,
                      boolean amountMismatch, OffsetDateTime openedAt, OffsetDateTime updatedAt,
                      OffsetDateTime closedAt) {

        /** What the case rules look at. */
        public StoredCase stored() {
            return new StoredCase(caseId, role, state, peer, personIdNumber, new CaseAmounts(infoTotal, fundAmount),
                    amountMismatch);
        }
    }

    /**
     * A message of the case. For a received one, how it reached the local system: {@code webhook} PENDING, DELIVERED
     * or FAILED (null without a webhook) and {@code acknowledgedAt}, when the local system acknowledged it on the pull
     * API.
     */
    record CaseEvent(OffsetDateTime at, String messageId, String type, Direction direction, CaseState stateAfter,
                     String webhook, OffsetDateTime acknowledgedAt) {
    }

    Optional<CaseRecord> find(String caseId);

    /** An open case of this role for the person with this peer, if any. */
    Optional<CaseRecord> findOpen(String personIdNumber, String peer, CaseRole role);

    /** Cases by state, peer and role; with {@code alert}, only cases with an open step of that alert. */
    List<CaseRecord> list(CaseState state, String peer, CaseRole role, CaseDeadlines.Alert alert, int page, int size);

    List<CaseEvent> events(String caseId);

    /** Replaces the local system's contribution periods of a case. */
    void replaceLocalRecords(String caseId, List<ContributionOverlaps.Period> records);

    List<ContributionOverlaps.Period> localRecords(String caseId);

    /** The stored content of the case's latest information form (sent or received), if any. */
    Optional<byte[]> latestInfoForm(String caseId);

    /**
     * Clears the amount mismatch of a case waiting for completion, recording the operator's reason in the audit log
     * in the same transaction; false when the case has no mismatch to resolve.
     */
    boolean resolveAmountMismatch(String caseId, String actor, String reason);
}
