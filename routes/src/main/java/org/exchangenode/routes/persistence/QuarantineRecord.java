package org.exchangenode.routes.persistence;

import java.time.OffsetDateTime;

/**
 * An inbound document refused for a permanent reason, and the Error sent back (if the sender could be answered).
 * {@code resolution} is set once an operator re-verified it and it was processed.
 */
public record QuarantineRecord(
        String quarantineId,
        String messageId,
        String claimedSender,
        String type,
        String errorCode,
        String reason,
        OffsetDateTime receivedAt,
        String errorMessageId,
        Resolution resolution) {

    /** Who resolved a quarantined document, when, and why. */
    public record Resolution(OffsetDateTime at, String by, String reason) {
    }

    public QuarantineRecord(String quarantineId, String messageId, String claimedSender, String type, String errorCode,
                            String reason, OffsetDateTime receivedAt, String errorMessageId) {
        this(quarantineId, messageId, claimedSender, type, errorCode, reason, receivedAt, errorMessageId, null);
    }
}
