package org.exchangenode.routes.persistence;

import jakarta.inject.Singleton;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.signing.Revocations;

/**
 * What the node has seen of its trust inputs, shared by every instance on the database: per CA, the newest verified
 * CRL. It never goes back.
 */
@Singleton
public class TrustStore {
    private final Jdbc jdbc;

    public TrustStore(Database database) {
        this.jdbc = new Jdbc(database.dataSource());
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
