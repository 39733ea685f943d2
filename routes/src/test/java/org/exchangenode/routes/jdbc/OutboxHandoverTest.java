package org.exchangenode.routes.jdbc;

import java.util.UUID;
import org.exchangenode.routes.config.DatabaseConfig;

/** {@link OutboxHandovers} on H2, in a file database of its own (two pools on it, as two instances would open). */
class OutboxHandoverTest extends OutboxHandovers {
    private final String url = "jdbc:h2:file:./target/outbox-handover/" + UUID.randomUUID() + ";LOCK_TIMEOUT=10000";

    @Override
    DatabaseConfig database() {
        return InstanceClaims.databaseConfig(DatabaseConfig.Kind.h2, url, null, null);
    }

    @Override
    void dropDatabase() {
        // target/ is cleaned with the build
    }
}
