package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.EnvelopeHeader;

/** A signed message ready for the wire: its header and its exact bytes (what is stored, sent and receipted). */
public record SignedMessage(EnvelopeHeader header, byte[] bytes) {
}
