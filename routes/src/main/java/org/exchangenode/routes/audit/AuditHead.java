package org.exchangenode.routes.audit;

import org.exchangenode.core.audit.AuditChain;

/** The last entry of the audit chain: its sequence and hash (0 and {@link AuditChain#GENESIS} before the first). */
public record AuditHead(long sequence, String hash) {
}
