package org.exchangenode.testsupport.samples;

import java.nio.file.Path;
import java.util.List;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.testsupport.Checkout;

/** The TEST ONLY sample PKI of {@code certs-sample/}: a sample node's key and certificate, and its root CA. */
public final class SampleKeys {
    private SampleKeys() {
    }

    /** The key and certificate of a sample node (320100, 440300, 510100). */
    public static NodeCredentials credentials(String nodeId) {
        Path dir = Checkout.sampleCerts().resolve(nodeId);
        return NodeCredentials.load(dir.resolve("node.key.pem"), dir.resolve("node.crt.pem"));
    }

    /** The sample root CA's certificate, every sample node's trust anchor. */
    public static Path rootCertificate() {
        return Checkout.sampleCerts().resolve("root-ca.crt.pem");
    }

    /** A verifier that trusts the sample root CA, as every sample node does. */
    public static MessageVerifier verifier() {
        return new MessageVerifier(TrustAnchors.load(List.of(rootCertificate())));
    }
}
