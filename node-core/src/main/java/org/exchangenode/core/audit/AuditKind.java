package org.exchangenode.core.audit;

/** What an audit log entry records. */
public enum AuditKind {
    MESSAGE_SENT,
    MESSAGE_RECEIVED,
    RECEIPT_SENT,
    RECEIPT_RECEIVED,
    ERROR_SENT,
    ERROR_RECEIVED,
    QUARANTINED,
    OPERATOR_ACTION,
    CONFIGURATION_CHANGE,
    TRUST_ANCHOR_CHANGE;

    /** True for entries whose content is a signed message that must verify on its own. */
    public boolean signedContent() {
        return this != QUARANTINED && this != OPERATOR_ACTION && this != CONFIGURATION_CHANGE
                && this != TRUST_ANCHOR_CHANGE;
    }
}
