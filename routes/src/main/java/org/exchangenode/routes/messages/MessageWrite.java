package org.exchangenode.routes.messages;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.exchangenode.core.cases.CaseDeadlines.Alert;
import org.exchangenode.core.cases.CaseStep;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.MessageAudit;
import org.exchangenode.routes.cases.CaseChange;

/**
 * Everything the transaction that stores one message writes, as plain data: the message; the message queued for the
 * broker (the message itself when outbound, the Receipt that answers it when inbound) and its destination; the
 * change to its case with the case's steps; the drop file it came from; the Ping it is; the step and alert level the
 * Reminder it is was sent for. A received business message
 * also enters the local system's pull inbox (and the webhook queue when the store notifies a local system). The audit
 * entries follow from the messages ({@link #audit()}). A store applies all of it in one transaction, or nothing.
 */
public record MessageWrite(NewMessage message, NewMessage queued, String destination, CaseChange caseChange,
                           FileDrop fileDrop, Ping ping, Reminded reminded) {

    public MessageWrite {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(queued, "queued");
        Objects.requireNonNull(destination, "destination");
        if (message.direction() == Direction.OUTBOUND && queued != message) {
            throw new IllegalArgumentException("an outbound write queues its own message");
        }
    }

    /** A message this node composed, queued for {@code destination}. */
    public static MessageWrite outbound(NewMessage message, String destination) {
        return new MessageWrite(message, message, destination, null, null, null, null);
    }

    /** A verified message received, with the Receipt that answers it queued for {@code receiptDestination}. */
    public static MessageWrite inbound(NewMessage message, NewMessage receipt, String receiptDestination) {
        return new MessageWrite(message, receipt, receiptDestination, null, null, null, null);
    }

    public MessageWrite withCase(CaseChange change) {
        return new MessageWrite(message, queued, destination, change, fileDrop, ping, reminded);
    }

    public MessageWrite withFileDrop(FileDrop drop) {
        return new MessageWrite(message, queued, destination, caseChange, drop, ping, reminded);
    }

    public MessageWrite withPing(Ping sent) {
        return new MessageWrite(message, queued, destination, caseChange, fileDrop, sent, reminded);
    }

    public MessageWrite withReminded(Reminded step) {
        return new MessageWrite(message, queued, destination, caseChange, fileDrop, ping, step);
    }

    public boolean inbound() {
        return message.direction() == Direction.INBOUND;
    }

    /** A received business message enters the pull inbox (and is notified to the local system). */
    public boolean entersPullInbox() {
        return inbound() && message.header().type().business();
    }

    /** The audit entries of this write: the message, and for a received one the Receipt that answers it. */
    public List<AuditEvent> audit() {
        return inbound() ? List.of(MessageAudit.event(message, null), MessageAudit.event(queued, null))
                : List.of(MessageAudit.event(message, null));
    }

    /** An accepted drop file, recorded by its digest so that the same file is never sent twice. */
    public record FileDrop(String digest, String fileName, String messageId, String conversationId, String to,
                           Instant at) {
    }

    /**
     * A Reminder sent about a case's step at an alert level: recorded once per step and level, so that a second
     * Reminder for the same (two deadline sweeps of two instances overlapping) fails its write as a whole.
     */
    public record Reminded(String caseId, CaseStep step, Alert alert, String messageId, Instant at) {
    }

    /** A Ping sent, awaiting its Pong. */
    public record Ping(String pingId, String peer, String nonce, Instant at) {
    }
}
