package org.exchangenode.core.audit;

import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.SignatureAlgorithms;

/** A checkpoint as one line of {@code checkpoints.jsonl}: the chain as base64 DER, the signer's first. */
record CheckpointJson(String nodeId, long sequence, String headHash, Instant time, String algorithm,
                      String signature, List<String> chain) {

    static CheckpointJson of(Checkpoint checkpoint) {
        List<String> chain = new ArrayList<>();
        for (var certificate : checkpoint.chain()) {
            try {
                chain.add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new ExchangeException(ErrorCode.INTERNAL, "cannot encode a certificate", e);
            }
        }
        return new CheckpointJson(checkpoint.nodeId(), checkpoint.sequence(), checkpoint.headHash(),
                checkpoint.time(), checkpoint.algorithm().name(), checkpoint.signature(), chain);
    }

    Checkpoint toCheckpoint() {
        return new Checkpoint(nodeId, sequence, headHash, time, SignatureAlgorithms.valueOf(algorithm), signature,
                chain.stream().map(der -> PemFiles.certificate(Base64.getDecoder().decode(der))).toList());
    }
}
