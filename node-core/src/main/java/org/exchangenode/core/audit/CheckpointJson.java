package org.exchangenode.core.audit;

import java.time.Instant;
import java.util.List;
import org.exchangenode.core.signing.SignatureAlgorithms;

/** A checkpoint as one line of {@code checkpoints.jsonl}: the chain as base64 DER, the signer's first. */
record CheckpointJson(String nodeId, long sequence, String headHash, Instant time, String algorithm,
                      String signature, List<String> chain) {

    static CheckpointJson of(Checkpoint checkpoint) {
        return new CheckpointJson(checkpoint.nodeId(), checkpoint.sequence(), checkpoint.headHash(),
                checkpoint.time(), checkpoint.algorithm().name(), checkpoint.signature(), checkpoint.chainBase64());
    }

    Checkpoint toCheckpoint() {
        return new Checkpoint(nodeId, sequence, headHash, time, SignatureAlgorithms.valueOf(algorithm), signature,
                Checkpoint.chainFromBase64(chain));
    }
}
