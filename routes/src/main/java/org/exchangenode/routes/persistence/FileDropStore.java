package org.exchangenode.routes.persistence;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** The record of accepted drop files, by digest, so that a file seen again is never sent twice. */
@Singleton
public class FileDropStore {
    private final Jdbc jdbc;

    public FileDropStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    /** What was made of an accepted file. */
    public record Accepted(String messageId, String conversationId, String to, Instant acceptedAt) {
    }

    public Optional<Accepted> find(String digest) {
        return jdbc.single("select message_id, conversation_id, to_node, accepted_at from exn_file_drop where file_digest = ?",
                digest, rs -> new Accepted(rs.getString(1), rs.getString(2), rs.getString(3),
                        Jdbc.time(rs, "accepted_at").toInstant()));
    }
}
