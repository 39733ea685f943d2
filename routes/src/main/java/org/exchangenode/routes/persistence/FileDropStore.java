package org.exchangenode.routes.persistence;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
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

    /**
     * Records an accepted file in the transaction that stores its form; fails that transaction (a duplicate key) if
     * another instance recorded the same file meanwhile.
     */
    public CaseUpdate record(String digest, String fileName, String messageId, String conversationId, String to,
                             Instant at) {
        return c -> {
            try (PreparedStatement s = c.prepareStatement("insert into exn_file_drop (file_digest, file_name, message_id, "
                    + "conversation_id, to_node, accepted_at) values (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, digest);
                s.setString(2, Jdbc.truncate(fileName, 255));
                s.setString(3, messageId);
                s.setString(4, conversationId);
                s.setString(5, to);
                Jdbc.set(s, 6, at);
                s.executeUpdate();
            }
        };
    }
}
