package org.exchangenode.routes.persistence;

/** Optional criteria for listing messages; null means any. Pages count from 0. */
public record MessageFilter(Direction direction, String type, MessageStatus status, String peer, String conversationId,
                            int page, int size) {
}
