package org.exchangenode.routes.messages;

import java.time.Instant;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * Optional criteria for listing messages; null means any. {@code from} (inclusive) and {@code to} (exclusive) bound
 * the time the message was stored. Pages count from 0.
 */
public record MessageFilter(Direction direction, String type, MessageStatus status, String peer, String conversationId,
                            String errorCode, Instant from, Instant to, int page, int size) {
}
