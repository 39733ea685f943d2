package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.exchangenode.routes.localsystem.FileDropStore;

/** {@link FileDropStore} on JDBC; {@link JdbcMessageWrites} records a file in the transaction that stores its form. */
@Singleton
public class JdbcFileDropStore implements FileDropStore {
    private final Jdbc jdbc;

    public JdbcFileDropStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public Optional<Accepted> find(String digest) {
        return jdbc.single("select message_id, conversation_id, to_node, accepted_at from exn_file_drop where file_digest = ?",
                digest, rs -> new Accepted(rs.getString(1), rs.getString(2), rs.getString(3),
                        Jdbc.time(rs, "accepted_at").toInstant()));
    }
}
