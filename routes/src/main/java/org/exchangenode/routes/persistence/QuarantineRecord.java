package org.exchangenode.routes.persistence;

import java.time.OffsetDateTime;

/** An inbound document refused for a permanent reason, and the Error sent back (if the sender could be answered). */
public record QuarantineRecord(
        String quarantineId,
        String messageId,
        String claimedSender,
        String type,
        String errorCode,
        String reason,
        OffsetDateTime receivedAt,
        String errorMessageId) {
}
