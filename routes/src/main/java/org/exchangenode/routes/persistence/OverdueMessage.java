package org.exchangenode.routes.persistence;

/** A sent business message whose Receipt is overdue. */
public record OverdueMessage(String messageId, String type, String to, int sendCount) {
}
