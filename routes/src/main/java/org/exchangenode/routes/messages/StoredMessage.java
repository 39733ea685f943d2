package org.exchangenode.routes.messages;

import java.time.OffsetDateTime;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.KnownMessage;
import org.exchangenode.core.exchange.MessageStatus;

/** A stored message's record, without its content. */
public record StoredMessage(
        String messageId,
        Direction direction,
        String type,
        String conversationId,
        String refToMessageId,
        String from,
        String to,
        String peer,
        MessageStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime storedAt,
        OffsetDateTime sentAt,
        OffsetDateTime deliveredAt,
        OffsetDateTime updatedAt,
        String signatureAlgorithm,
        String contentDigest,
        int deliveries,
        int receiptsSent,
        String receiptMessageId,
        String errorCode,
        String errorReason,
        int sendCount,
        OffsetDateTime receiptDueAt) {

    /** What the exchange rules look at. */
    public KnownMessage known() {
        return new KnownMessage(messageId, direction, type, to, contentDigest);
    }
}
