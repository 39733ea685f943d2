package org.exchangenode.routes.inbound;

import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.InboundResult;

/** What becomes of a refused document: quarantined when it came from the broker, reported on re-verification. */
@FunctionalInterface
interface RefusalSink {
    void refuse(InboundResult.Rejected rejected, byte[] bytes);

    /**
     * A failure after every check passed (its case refused it, or the database did): a permanent one refuses the
     * message; a transient one escapes, and the broker redelivers.
     */
    default void refuse(ExchangeException e, EnvelopeHeader header, byte[] bytes) {
        if (!e.code().permanent()) {
            throw e;
        }
        refuse(InboundResult.Rejected.verified(header, e.code(), e.getMessage()), bytes);
    }
}
