package org.exchangenode.routes.jdbc;

import org.exchangenode.routes.config.DatabaseConfig;

/** {@link ReplayRequestStores} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own per test. */
class ReplayRequestStorePostgresTest extends ReplayRequestStores {
    private final PostgresSchema schema = PostgresSchema.fresh("replay_requests_");

    @Override
    DatabaseConfig database() {
        return schema.config();
    }

    @Override
    void dropDatabase() throws Exception {
        schema.drop();
    }
}
