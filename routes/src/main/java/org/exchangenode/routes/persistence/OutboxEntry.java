package org.exchangenode.routes.persistence;

/** A message due to be put on the broker. */
public record OutboxEntry(String messageId, String type, String from, String destination, int attempts, byte[] content) {
}
