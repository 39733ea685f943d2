package org.exchangenode.core.audit;

/** What an audit log entry records. */
public enum AuditKind {
    /** A business message this node signed and queued for its peer (content: the signed XML as on the wire). */
    MESSAGE_SENT,
    MESSAGE_RECEIVED,
    RECEIPT_SENT,
    RECEIPT_RECEIVED,
    ERROR_SENT,
    ERROR_RECEIVED,
    /** A message sent again (same id, same bytes) because its Receipt did not come; no content. */
    MESSAGE_RESENT,
    /** No Receipt after the last send: the message is FAILED; no content. */
    DELIVERY_FAILED,
    /** An inbound document refused by a permanent check (content: the bytes as received, which may not verify). */
    QUARANTINED,
    OPERATOR_ACTION,
    /**
     * A bulk replay above the four-eyes threshold, requested and waiting for another operator: the requester, the
     * request id, how many ids of which kind and the reason; no content.
     */
    REPLAY_REQUESTED,
    /** A replay request approved by another operator and executed: requester, approver, both reasons, the outcome. */
    REPLAY_APPROVED,
    /** A replay request rejected by another operator: requester, who rejected it and both reasons; nothing replayed. */
    REPLAY_REJECTED,
    CONFIGURATION_CHANGE,
    TRUST_ANCHOR_CHANGE,
    /**
     * A login to the API with a password that did not match (or a user the realm does not know): the user name and the
     * address, never the password; no content. Written for each failure until the user or address is locked out.
     */
    LOGIN_FAILED,
    /**
     * A user or an address locked out after too many failed logins: for how long, the how-manieth lockout in a row,
     * and how many attempts the previous lockout refused (those are not logged one by one); no content.
     */
    LOGIN_LOCKED,
    /**
     * Written at the start of a run with {@code node.audit.enabled=false}, before the log stops: nothing is logged
     * from here until an {@link #AUDIT_ENABLED} entry (an unlogged period).
     */
    AUDIT_DISABLED,
    /** The first entry of a run with the log on again after {@link #AUDIT_DISABLED}: the unlogged period ends here. */
    AUDIT_ENABLED;

    /** True for entries whose content is a signed message that must verify on its own. */
    public boolean signedContent() {
        return switch (this) {
            case MESSAGE_SENT, MESSAGE_RECEIVED, RECEIPT_SENT, RECEIPT_RECEIVED, ERROR_SENT, ERROR_RECEIVED -> true;
            default -> false;
        };
    }
}
