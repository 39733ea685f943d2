package org.exchangenode.routes.messages;

import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.InboundResult;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;

/** Conversions from node-core's signed and accepted messages to store records. */
public final class Messages {
    private Messages() {
    }

    public static NewMessage of(SignedMessage signed, Direction direction, MessageStatus status) {
        return new NewMessage(signed.header(), direction, status, signed.algorithm().name(), signed.contentDigest(),
                signed.bytes(), signed.bytesDigest());
    }

    /**
     * A message received and accepted, as it is stored: RECEIVED, with the digest its Receipt states. {@code bytes}
     * are those the checker accepted: the digest of them it may have taken goes to the audit entry.
     */
    public static NewMessage received(InboundResult.Accepted accepted, byte[] bytes) {
        return new NewMessage(accepted.envelope().header(), Direction.INBOUND, MessageStatus.RECEIVED,
                accepted.signature().algorithm().name(), accepted.contentDigest(), bytes,
                accepted.bytesDigest());
    }
}
