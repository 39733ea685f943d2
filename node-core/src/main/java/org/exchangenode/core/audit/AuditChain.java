package org.exchangenode.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.exchangenode.core.transport.TransportMessages;

/**
 * The hash chain: each entry's hash is SM3 over an unambiguous encoding of its fields (each field length-prefixed,
 * null distinct from empty) and the previous entry's hash. Changing, inserting, removing or reordering any entry
 * breaks every hash after it.
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private AuditChain() {
    }

    /** The entry that follows {@code last} (null for the first entry of a log). */
    public static AuditEntry next(AuditEntry last, Instant time, AuditKind kind, String messageId, String actor,
                                  String detail, byte[] content) {
        return last == null ? next(0, GENESIS, time, kind, messageId, actor, detail, content)
                : next(last.sequence(), last.hash(), time, kind, messageId, actor, detail, content);
    }

    /** The entry that follows the entry {@code lastSequence} with hash {@code lastHash} (0 and GENESIS: none). */
    public static AuditEntry next(long lastSequence, String lastHash, Instant time, AuditKind kind, String messageId,
                                  String actor, String detail, byte[] content) {
        return nextWithDigest(lastSequence, lastHash, time, kind, messageId, actor, detail,
                content == null ? null : sm3Hex(content));
    }

    /**
     * The entry that follows the entry {@code lastSequence} with hash {@code lastHash}, for content whose hex SM3
     * digest ({@link #sm3Hex}) the caller already has (null: no content).
     */
    public static AuditEntry nextWithDigest(long lastSequence, String lastHash, Instant time, AuditKind kind,
                                            String messageId, String actor, String detail, String contentDigest) {
        long sequence = lastSequence + 1;
        return new AuditEntry(sequence, time, kind, messageId, actor, detail, contentDigest, lastHash,
                hash(sequence, time, kind, messageId, actor, detail, contentDigest, lastHash));
    }

    /** Recomputes an entry's hash from its other fields. */
    public static String hashOf(AuditEntry entry) {
        return hash(entry.sequence(), entry.time(), entry.kind(), entry.messageId(), entry.actor(), entry.detail(),
                entry.contentDigest(), entry.previousHash());
    }

    public static String sm3Hex(byte[] content) {
        return HEX.formatHex(TransportMessages.sm3(content));
    }

    private static String hash(long sequence, Instant time, AuditKind kind, String messageId, String actor,
                               String detail, String digest, String previous) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(256);
        for (String field : new String[] {"exchange-node-audit-v1", Long.toString(sequence), time.toString(),
                kind.name(), messageId, actor, detail, digest, previous}) {
            if (field == null) {
                encoded.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                encoded.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
                encoded.writeBytes(bytes);
            }
        }
        return HEX.formatHex(TransportMessages.sm3(encoded.toByteArray()));
    }
}
