package org.exchangenode.routes.operations;

import java.time.OffsetDateTime;

/**
 * An inbound document refused for a permanent reason, and the Error sent back (if the sender could be answered;
 * otherwise {@code unanswered} says why not). {@code contentSize} and {@code contentSm3} are those of the whole
 * document as received; the content kept may be only its beginning (a document refused for its size or complexity).
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
        String unanswered,
        Long contentSize,
        String contentSm3,
        Resolution resolution) {

    /** A fresh quarantine id. */
    public static String newId() {
        return java.util.UUID.randomUUID().toString();
    }

    /** Who resolved a quarantined document, when, and why. */
    public record Resolution(OffsetDateTime at, String by, String reason) {
    }

    public QuarantineRecord(String quarantineId, String messageId, String claimedSender, String type, String errorCode,
                            String reason, OffsetDateTime receivedAt, String errorMessageId, String unanswered,
                            long contentSize, String contentSm3) {
        this(quarantineId, messageId, claimedSender, type, errorCode, reason, receivedAt, errorMessageId, unanswered,
                contentSize, contentSm3, null);
    }
}
