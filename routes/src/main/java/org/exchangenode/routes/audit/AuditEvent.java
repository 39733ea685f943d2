package org.exchangenode.routes.audit;

import org.exchangenode.core.audit.AuditKind;

/**
 * One entry to append to the audit log: what happened, to which message, who did it and the content it concerns.
 *
 * @param contentInMessage the content is that of the message {@code messageId}, stored in the same transaction: the
 *                         entry keeps only its SM3 digest and the log reads the bytes from the message when it exports
 *                         (a signed message is held once, not twice)
 * @param contentSm3       the hex SM3 digest of {@code content} when the caller already has it from the same bytes
 *                         (a message this node composed, or received as their own canonical form), else null and
 *                         the log digests the content
 */
public record AuditEvent(AuditKind kind, String messageId, String actor, String detail, byte[] content,
                         boolean contentInMessage, String contentSm3) {
    public AuditEvent {
        if (contentSm3 != null && content == null) {
            throw new IllegalArgumentException("a content digest without the content");
        }
    }

    /** An entry that keeps its own copy of its content (or has none). */
    public AuditEvent(AuditKind kind, String messageId, String actor, String detail, byte[] content) {
        this(kind, messageId, actor, detail, content, false, null);
    }

    /** An entry the node itself writes (actor {@code node}). */
    public static AuditEvent byNode(AuditKind kind, String messageId, String detail, byte[] content) {
        return new AuditEvent(kind, messageId, "node", detail, content);
    }

    /**
     * The node's entry of a message it stores in the same transaction: the content is the message's own, and
     * {@code contentSm3} its digest if already known (else null).
     */
    public static AuditEvent ofStoredMessage(AuditKind kind, String messageId, String detail, byte[] content,
                                             String contentSm3) {
        return new AuditEvent(kind, messageId, "node", detail, content, content != null, contentSm3);
    }
}
