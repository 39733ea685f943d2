package org.exchangenode.core.envelope;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope header. {@code refToMessageId} is null unless the message answers another one (a Receipt, an Error,
 * a reply form). {@code createdAt} is the signing time: certificate validity is judged at this instant.
 */
public record EnvelopeHeader(
        String messageId,
        String conversationId,
        String refToMessageId,
        MessageType type,
        String from,
        String to,
        Instant createdAt,
        String schemaVersion) {

    public static final String SCHEMA_VERSION = "1.0";

    public EnvelopeHeader {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
    }

    /** A header for a new message: fresh id, now (to the millisecond), current schema version. */
    public static EnvelopeHeader create(MessageType type, String from, String to, String conversationId,
                                        String refToMessageId) {
        return new EnvelopeHeader(UUID.randomUUID().toString(), conversationId, refToMessageId, type, from, to,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), SCHEMA_VERSION);
    }
}
