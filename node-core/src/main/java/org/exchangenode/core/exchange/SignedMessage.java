package org.exchangenode.core.exchange;

import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.signing.SignatureAlgorithms;

/**
 * A signed message ready for the wire: its header, its exact bytes (what is stored, sent and receipted), the suite
 * it was signed with, and the base64 SM3 digest of its canonical form (what the peer's Receipt must state).
 *
 * @param bytesDigest the hex SM3 digest of {@code bytes} when it is already known (the audit entry keeps it), else
 *                    null
 */
public record SignedMessage(EnvelopeHeader header, byte[] bytes, SignatureAlgorithms algorithm, String contentDigest,
                            String bytesDigest) {
    /** A message whose bytes' digest is not known yet. */
    public SignedMessage(EnvelopeHeader header, byte[] bytes, SignatureAlgorithms algorithm, String contentDigest) {
        this(header, bytes, algorithm, contentDigest, null);
    }
}
