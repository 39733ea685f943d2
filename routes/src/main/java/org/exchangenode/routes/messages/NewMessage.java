package org.exchangenode.routes.messages;

import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * A signed message about to be stored, with what the store keeps beside the bytes.
 *
 * @param contentSm3 the hex SM3 digest of {@code content} when it is already known (its audit entry keeps it), else
 *                   null
 */
public record NewMessage(EnvelopeHeader header, Direction direction, MessageStatus status, String signatureAlgorithm,
                         String contentDigest, byte[] content, String contentSm3) {

    /** The other node of the exchange. */
    public String peer() {
        return direction.peer(header);
    }
}
