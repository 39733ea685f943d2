package org.exchangenode.routes.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** A change to a transfer case, applied by the message store in the transaction that stores the message. */
@FunctionalInterface
public interface CaseUpdate {
    void apply(Connection connection) throws SQLException;

    /** This change, then {@code next}, in the same transaction. */
    default CaseUpdate andThen(CaseUpdate next) {
        return connection -> {
            apply(connection);
            next.apply(connection);
        };
    }
}
