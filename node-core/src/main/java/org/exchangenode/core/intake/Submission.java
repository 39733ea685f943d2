package org.exchangenode.core.intake;

import org.exchangenode.core.envelope.MessageType;

/**
 * What a door hands the intake besides the form itself: the form's type, and for a form after the contact letter the
 * peer it goes to and the case (conversation id) it belongs to. A contact letter opens a case: it names no case, and
 * {@code to}, if the door takes one, must be its addressee.
 */
public record Submission(MessageType type, String to, String conversationId) {
}
