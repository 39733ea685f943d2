package org.exchangenode.core.signing;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;

/**
 * A node's signing key and its certificate chain (leaf first, intermediates after; the trust anchor may be left
 * out). The suite follows from the key's curve.
 */
public record NodeCredentials(PrivateKey privateKey, List<X509Certificate> chain, SignatureAlgorithms algorithm) {

    public NodeCredentials {
        if (chain.isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "the certificate chain is empty");
        }
        chain = List.copyOf(chain);
    }

    /** Loads a PEM private key and a PEM certificate chain, and checks that they belong together. */
    public static NodeCredentials load(Path privateKeyFile, Path certificateFile) {
        PrivateKey key = PemFiles.readPrivateKey(privateKeyFile);
        List<X509Certificate> chain = PemFiles.readCertificates(certificateFile);
        SignatureAlgorithms algorithm = SignatureAlgorithms.forKey(chain.get(0).getPublicKey());
        NodeCredentials credentials = new NodeCredentials(key, chain, algorithm);
        credentials.requireKeyMatchesCertificate();
        return credentials;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The node id the certificate names (its subject CN). */
    public String nodeId() {
        return CertificateChecker.nodeIdOf(certificate());
    }

    private void requireKeyMatchesCertificate() {
        try {
            java.security.Signature signer = java.security.Signature.getInstance(algorithm.jcaName(), CryptoProviders.bc());
            byte[] probe = "exchange-node key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] value = signer.sign();
            signer.initVerify(certificate().getPublicKey());
            signer.update(probe);
            if (!signer.verify(value)) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID,
                        "the private key does not belong to the certificate " + certificate().getSubjectX500Principal());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "unusable signing key: " + e.getMessage(), e);
        }
    }
}
