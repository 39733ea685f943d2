package org.exchangenode.routes.audit;

import org.exchangenode.core.audit.AuditKind;

/** One entry to append to the audit log: what happened, to which message, who did it and the content it concerns. */
public record AuditEvent(AuditKind kind, String messageId, String actor, String detail, byte[] content) {
    /** An entry the node itself writes (actor {@code node}). */
    public static AuditEvent byNode(AuditKind kind, String messageId, String detail, byte[] content) {
        return new AuditEvent(kind, messageId, "node", detail, content);
    }
}
