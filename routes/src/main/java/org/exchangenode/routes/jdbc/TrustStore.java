package org.exchangenode.routes.jdbc;

import jakarta.inject.Singleton;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.signing.Revocations;

/**
 * What the node has seen of its trust inputs, shared by every instance on the database: the highest peer directory
 * version taken and, per CA, the newest verified CRL. Neither ever goes back.
 */
@Singleton
public class TrustStore {
    private final Jdbc jdbc;

    public TrustStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    /** The highest directory version any instance has taken, if any. */
    public Optional<Long> highestDirectoryVersion() {
        return jdbc.query("select highest_version from exn_directory_seen where id = 1", s -> { }, rs -> rs.getLong(1))
                .stream().findFirst();
    }

    /** Records that {@code version} was taken; a lower one never replaces a higher one. */
    public void directoryTaken(long version, Instant at) {
        jdbc.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("update exn_directory_seen set highest_version = ?, "
                    + "seen_at = ? where id = 1 and highest_version < ?")) {
                update.setLong(1, version);
                Jdbc.set(update, 2, at);
                update.setLong(3, version);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into exn_directory_seen (id, highest_version, "
                    + "seen_at) select 1, ?, ? where not exists (select 1 from exn_directory_seen where id = 1)")) {
                insert.setLong(1, version);
                Jdbc.set(insert, 2, at);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The newest CRL kept per issuer (DER as stored; the caller verifies it again). */
    public List<byte[]> crls() {
        return jdbc.query("select crl from exn_crl order by issuer", s -> { }, rs -> rs.getBytes(1));
    }

    /** Keeps {@code crl} as its issuer's newest unless a newer one is kept already. */
    public void keepCrl(X509CRL crl, Instant at) {
        String issuer = crl.getIssuerX500Principal().getName();
        byte[] der;
        try {
            der = crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalArgumentException("a CRL that was read must encode", e);
        }
        jdbc.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("select crl from exn_crl where issuer = ? for update")) {
                lock.setString(1, issuer);
                try (var rs = lock.executeQuery()) {
                    if (rs.next()) {
                        X509CRL kept = Revocations.parse(rs.getBytes(1));
                        if (!Revocations.isNewer(crl, kept)) {
                            return null;
                        }
                        try (PreparedStatement delete = c.prepareStatement("delete from exn_crl where issuer = ?")) {
                            delete.setString(1, issuer);
                            delete.executeUpdate();
                        }
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into exn_crl (issuer, crl_number, this_update, "
                    + "next_update, crl, stored_at) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, issuer);
                insert.setString(2, Revocations.number(crl).map(Object::toString).orElse(null));
                Jdbc.set(insert, 3, crl.getThisUpdate().toInstant());
                Jdbc.set(insert, 4, crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant());
                insert.setBytes(5, der);
                Jdbc.set(insert, 6, at);
                insert.executeUpdate();
            }
            return null;
        });
    }
}
