package org.exchangenode.routes.persistence;

import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;

/** Conversions from node-core's signed messages to store records. */
public final class Messages {
    private Messages() {
    }

    public static NewMessage of(SignedMessage signed, Direction direction, MessageStatus status) {
        return new NewMessage(signed.header(), direction, status, signed.algorithm().name(), signed.contentDigest(),
                signed.bytes());
    }
}
