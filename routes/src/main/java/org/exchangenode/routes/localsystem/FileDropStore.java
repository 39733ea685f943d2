package org.exchangenode.routes.localsystem;

import java.time.Instant;
import java.util.Optional;

/**
 * The record of accepted drop files, by digest, so that a file seen again is never sent twice. A file is recorded
 * with the form made of it ({@link MessageWrite.FileDrop}); a second record of the same file fails that write.
 */
public interface FileDropStore {

    /** What was made of an accepted file. */
    record Accepted(String messageId, String conversationId, String to, Instant acceptedAt) {
    }

    Optional<Accepted> find(String digest);
}
