package org.exchangenode.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.pki.SamplePkiGenerator.Issued;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.TrustAnchors;

/** An in-memory TEST PKI: a root CA and node credentials issued on demand. */
public final class TestPki {
    public final Issued root;
    public final SignatureAlgorithms algorithm;

    public TestPki(SignatureAlgorithms algorithm) {
        this.algorithm = algorithm;
        this.root = SamplePkiGenerator.rootCa(algorithm, "Test Root " + algorithm, Instant.now(), Duration.ofDays(365));
    }

    public TrustAnchors anchors() {
        return new TrustAnchors(List.of(root.certificate()));
    }

    public NodeCredentials node(String nodeId) {
        return node(nodeId, Instant.now(), Duration.ofDays(30));
    }

    public NodeCredentials node(String nodeId, Instant notBefore, Duration validity) {
        Issued node = SamplePkiGenerator.node(root, algorithm, nodeId, "Agency " + nodeId, notBefore, validity);
        return new NodeCredentials(node.keys().getPrivate(), List.of(node.certificate(), root.certificate()), algorithm);
    }
}
