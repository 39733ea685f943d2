package org.exchangenode.routes;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.exchangenode.core.pki.NodeKeys;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.signing.SignatureAlgorithms;

/**
 * TEST ONLY: a fresh key of node 320100 with its certificate from the sample CA, made as an installer makes one (keygen,
 * csr, the CA issues): the key the node held before it switched to the sample key it runs with in the tests.
 */
public final class RolloverKeys {
    private static final Path CERTS = Path.of("../certs-sample");

    public record Files(Path key, Path certificate) {
    }

    private RolloverKeys() {
    }

    /** A new key and certificate for 320100 under target/test-keys (a new folder each time, the key owner-only). */
    public static Files issue320100() {
        Path dir = Path.of("target/test-keys", UUID.randomUUID().toString());
        Path key = dir.resolve("node.key.pem");
        KeyPair keys = NodeKeys.generate(SignatureAlgorithms.SM2_SM3, key);
        X509Certificate root = PemFiles.readCertificates(CERTS.resolve("root-ca.crt.pem")).get(0);
        var ca = new SamplePkiGenerator.Issued(new KeyPair(root.getPublicKey(),
                PemFiles.readPrivateKey(CERTS.resolve("root-ca.key.pem"))), root);
        X509Certificate certificate = NodeKeys.issue(ca, NodeKeys.request(keys.getPrivate(), "320100",
                "南京市社会保险管理中心 (key before the rollover)"), Duration.ofDays(30));
        Path certificateFile = dir.resolve("node.crt.pem");
        PemFiles.write(certificateFile, "TEST ONLY: 320100 before the rollover", List.of(certificate, root));
        return new Files(key, certificateFile);
    }
}
