package org.exchangenode.routes.outbound;

/** A sent business message whose Receipt is overdue. */
public record OverdueMessage(String messageId, String type, String to, int sendCount) {
}
