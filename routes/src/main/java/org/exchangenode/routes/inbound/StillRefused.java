package org.exchangenode.routes.inbound;

import org.exchangenode.core.exchange.InboundResult;

/** A quarantined document that still fails a check when an operator re-verifies it ({@link InboundHandler#reprocess}). */
public final class StillRefused extends RuntimeException {
    private final String code;

    StillRefused(InboundResult.Rejected rejected) {
        super(rejected.reason());
        this.code = rejected.code().name();
    }

    public String code() {
        return code;
    }
}
