package org.exchangenode.core.cases;

import java.math.BigDecimal;

/**
 * The amounts a case compares before completion: total ⑥ of the information form and the amount of the fund-transfer
 * notice. Null stands for "not (yet) known", or, in a change, "unchanged".
 */
public record CaseAmounts(BigDecimal infoTotal, BigDecimal fundAmount) {
    public static final CaseAmounts NONE = new CaseAmounts(null, null);

    /** These amounts, each replaced by {@code newer}'s where that one is known. */
    public CaseAmounts updatedBy(CaseAmounts newer) {
        return new CaseAmounts(newer.infoTotal != null ? newer.infoTotal : infoTotal,
                newer.fundAmount != null ? newer.fundAmount : fundAmount);
    }

    /** True unless both amounts are known and equal (to the fen, whatever their scale). */
    public boolean differ() {
        return infoTotal == null || fundAmount == null || infoTotal.compareTo(fundAmount) != 0;
    }
}
