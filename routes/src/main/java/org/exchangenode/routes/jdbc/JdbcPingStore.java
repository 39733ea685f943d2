package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;
import org.exchangenode.routes.operations.PingStore;

/** {@link PingStore} on JDBC; {@link JdbcMessageWrites} records a Ping in the transaction that stores it. */
@Singleton
public class JdbcPingStore implements PingStore {
    private final Jdbc jdbc;

    public JdbcPingStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    @Override
    public boolean answered(String pingId, String peer, String nonce, String pongMessageId, String signerSubject,
                            String signerSerial, Instant signerNotAfter, Instant at) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("update exn_ping set pong_at = ?, pong_message_id = ?, "
                    + "signer_subject = ?, signer_serial = ?, signer_not_after = ? where ping_id = ? and peer_node = ? "
                    + "and nonce = ? and pong_at is null")) {
                Jdbc.set(s, 1, at);
                s.setString(2, pongMessageId);
                s.setString(3, Jdbc.truncate(signerSubject, 500));
                s.setString(4, signerSerial);
                Jdbc.set(s, 5, signerNotAfter);
                s.setString(6, pingId);
                s.setString(7, peer);
                s.setString(8, nonce);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Ping> find(String pingId) {
        return jdbc.single("select ping_id, peer_node, nonce, sent_at, pong_at, pong_message_id, signer_subject, "
                        + "signer_serial, signer_not_after from exn_ping where ping_id = ?", pingId,
                rs -> new Ping(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.time(rs, "sent_at"),
                        Jdbc.time(rs, "pong_at"), rs.getString(6), rs.getString(7), rs.getString(8),
                        Jdbc.time(rs, "signer_not_after")));
    }
}
