package org.exchangenode.routes.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.routes.instances.Claim;

/**
 * Claims rows of work of one table ({@code claimed_by}, {@code claim_token}, {@code claimed_until}, keyed by
 * {@code message_id}) for one instance of the node. The guard is the conditional update: a row is claimed only while
 * no live claim holds it, which PostgreSQL re-checks after a competing update commits, so two instances never hold one
 * row. On PostgreSQL the candidates are read {@code for update skip locked} as well, so that instances claiming at the
 * same moment take different rows instead of waiting on each other. H2 does not re-check an update's condition after
 * waiting for a competing one (the second claim overwrote the first in InstanceClaimsTest), so there the candidates
 * are read {@code for update}: a second claimer waits and then reads the claim the first one committed. (H2 serves
 * one process, whose relay and webhook delivery each run one at a time; this keeps the claim correct regardless.)
 */
final class JdbcClaims {
    /** Rows no live claim holds; binds one parameter, the time now. */
    static final String UNCLAIMED = "(claimed_until is null or claimed_until < ?)";
    private final String table;
    private final String lock;

    JdbcClaims(String table, boolean skipLocked) {
        this.table = table;
        this.lock = skipLocked ? " for update skip locked" : " for update";
    }

    /**
     * Claims up to {@code limit} rows that {@code due} selects (its parameters bound by {@code binder} from index 1,
     * {@code parameters} of them), in {@code order}; returns the keys claimed.
     */
    List<String> claim(Connection c, String due, Jdbc.Binder binder, int parameters, String order, Claim claim,
                       Instant now, int limit) throws SQLException {
        List<String> candidates = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select message_id from " + table + " where " + due + " and "
                + UNCLAIMED + " order by " + order + " fetch first " + limit + " rows only" + lock)) {
            binder.bind(s);
            Jdbc.set(s, parameters + 1, now);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    candidates.add(rs.getString(1));
                }
            }
        }
        List<String> claimed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("update " + table + " set claimed_by = ?, claim_token = ?, "
                + "claimed_until = ? where message_id = ? and " + UNCLAIMED)) {
            for (String id : candidates) {
                s.setString(1, claim.holder());
                s.setString(2, claim.token());
                Jdbc.set(s, 3, claim.until());
                s.setString(4, id);
                Jdbc.set(s, 5, now);
                if (s.executeUpdate() == 1) {
                    claimed.add(id);
                }
            }
        }
        return claimed;
    }

    /** Gives up what {@code claim} still holds of this table. */
    void release(Connection c, Claim claim) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("update " + table + " set claimed_by = null, claim_token = null, "
                + "claimed_until = null where claim_token = ?")) {
            s.setString(1, claim.token());
            s.executeUpdate();
        }
    }
}
