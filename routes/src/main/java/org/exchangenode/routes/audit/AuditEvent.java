package org.exchangenode.routes.audit;

import org.exchangenode.core.audit.AuditKind;

/**
 * One entry to append to the audit log: what happened, to which message, who did it and the content it concerns.
 *
 * @param contentInMessage the content is that of the message {@code messageId}, stored in the same transaction: the
 *                         entry keeps only its SM3 digest and the log reads the bytes from the message when it exports
 *                         (a signed message is held once, not twice)
 */
public record AuditEvent(AuditKind kind, String messageId, String actor, String detail, byte[] content,
                         boolean contentInMessage) {
    /** An entry that keeps its own copy of its content (or has none). */
    public AuditEvent(AuditKind kind, String messageId, String actor, String detail, byte[] content) {
        this(kind, messageId, actor, detail, content, false);
    }

    /** An entry the node itself writes (actor {@code node}). */
    public static AuditEvent byNode(AuditKind kind, String messageId, String detail, byte[] content) {
        return new AuditEvent(kind, messageId, "node", detail, content);
    }

    /** The node's entry of a message it stores in the same transaction: the content is the message's own. */
    public static AuditEvent ofStoredMessage(AuditKind kind, String messageId, String detail, byte[] content) {
        return new AuditEvent(kind, messageId, "node", detail, content, content != null);
    }
}
