package org.exchangenode.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.CryptoProviders;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.Sm2Sm3SignatureSpi;

/**
 * The node's signed statement that its log's head at {@code sequence} has {@code headHash}. Signed with the node's
 * key (SM2 by default); the signer's certificate chain travels with it, so it verifies with the trust anchors alone.
 */
public record Checkpoint(String nodeId, long sequence, String headHash, Instant time, SignatureAlgorithms algorithm,
                         String signature, List<X509Certificate> chain) {

    public Checkpoint {
        chain = List.copyOf(chain);
    }

    /** Signs the head of a log. */
    public static Checkpoint sign(NodeCredentials credentials, AuditEntry head, Instant time) {
        return sign(credentials, head.sequence(), head.hash(), time);
    }

    /** Signs the statement that entry {@code sequence} of the log has hash {@code hash}. */
    public static Checkpoint sign(NodeCredentials credentials, long sequence, String hash, Instant time) {
        String nodeId = credentials.nodeId();
        try {
            Signature signer = signature(credentials.algorithm());
            signer.initSign(credentials.privateKey());
            signer.update(signedBytes(nodeId, sequence, hash, time));
            return new Checkpoint(nodeId, sequence, hash, time, credentials.algorithm(),
                    Base64.getEncoder().encodeToString(signer.sign()), credentials.chain());
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot sign a checkpoint: " + e.getMessage(), e);
        }
    }

    /** The chain as base64 DER certificates, the signer's first: how checkpoints are stored and exported. */
    public List<String> chainBase64() {
        List<String> encoded = new ArrayList<>(chain.size());
        for (X509Certificate certificate : chain) {
            try {
                encoded.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new ExchangeException(ErrorCode.INTERNAL, "cannot encode a certificate", e);
            }
        }
        return encoded;
    }

    /** The chain read back from {@link #chainBase64()}. */
    public static List<X509Certificate> chainFromBase64(List<String> encoded) {
        return encoded.stream().map(der -> PemFiles.certificate(Base64.getDecoder().decode(der))).toList();
    }

    /** True when the signature verifies with the first certificate of the chain (trust is checked separately). */
    public boolean signatureValid() {
        try {
            Signature verifier = signature(algorithm);
            verifier.initVerify(chain.get(0).getPublicKey());
            verifier.update(signedBytes(nodeId, sequence, headHash, time));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] signedBytes(String nodeId, long sequence, String headHash, Instant time) {
        return ("exchange-node-checkpoint-v1\n" + nodeId + "\n" + sequence + "\n" + headHash + "\n" + time)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Signature signature(SignatureAlgorithms algorithm) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm.jcaName(), CryptoProviders.bc());
        if (algorithm == SignatureAlgorithms.SM2_SM3) {
            signature.setParameter(new SM2ParameterSpec(Sm2Sm3SignatureSpi.DEFAULT_SIGNER_ID));
        }
        return signature;
    }
}
