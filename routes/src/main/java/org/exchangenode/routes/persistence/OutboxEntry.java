package org.exchangenode.routes.persistence;

/**
 * A message due to be put on the broker. {@code sendCount} is how many times the broker already took it (resends
 * after a missing Receipt make it grow).
 */
public record OutboxEntry(String messageId, String type, String from, String destination, int attempts, int sendCount,
                          byte[] content) {
}
