package org.exchangenode.core.exchange;

/**
 * A message this node already holds under a message id, as far as the exchange rules look at it: which way it went,
 * its type (wire name), the node it went to, and the base64 SM3 digest of its canonical form.
 */
public record KnownMessage(String messageId, Direction direction, String type, String to, String contentDigest) {
}
