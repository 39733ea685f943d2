package org.exchangenode.routes.outbound;

/**
 * A message due to be put on the broker. {@code sendCount} is how many times the broker already took it (resends
 * after a missing Receipt make it grow); {@code refusals} how many times the broker refused this queued send.
 */
public record OutboxEntry(String messageId, String type, String from, String destination, int attempts, int sendCount,
                          int refusals, byte[] content) {

    /** The number this send will have: 1 for the first, more for resends after a missing Receipt. */
    public int nextSend() {
        return sendCount + 1;
    }
}
