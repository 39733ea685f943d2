package org.exchangenode.routes.audit;

import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.messages.NewMessage;

/**
 * The audit entry of a message stored in the same transaction: its kind follows from its direction and type; its
 * content is the message's own, which the entry refers to by digest instead of holding a second copy.
 */
public final class MessageAudit {
    private MessageAudit() {
    }

    public static AuditEvent event(NewMessage message, String note) {
        boolean outbound = message.direction() == Direction.OUTBOUND;
        MessageType type = message.header().type();
        AuditKind kind = switch (type) {
            case RECEIPT -> outbound ? AuditKind.RECEIPT_SENT : AuditKind.RECEIPT_RECEIVED;
            case ERROR -> outbound ? AuditKind.ERROR_SENT : AuditKind.ERROR_RECEIVED;
            default -> outbound ? AuditKind.MESSAGE_SENT : AuditKind.MESSAGE_RECEIVED;
        };
        String detail = type.wireName() + " " + message.header().from() + " -> " + message.header().to()
                + (message.header().refToMessageId() == null ? "" : " re " + message.header().refToMessageId())
                + (note == null ? "" : " (" + note + ")");
        return AuditEvent.ofStoredMessage(kind, message.header().messageId(), detail, message.content(),
                message.contentSm3());
    }
}
