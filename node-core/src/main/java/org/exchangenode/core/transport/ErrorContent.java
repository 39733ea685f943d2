package org.exchangenode.core.transport;

/** What an Error states: the refused message (if it could be read), a catalogue code and a reason. */
public record ErrorContent(String refusedMessageId, String code, String reason) {
}
