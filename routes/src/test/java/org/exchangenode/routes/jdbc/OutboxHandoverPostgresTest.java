package org.exchangenode.routes.jdbc;

import org.exchangenode.routes.config.DatabaseConfig;

/** {@link OutboxHandovers} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own per test. */
class OutboxHandoverPostgresTest extends OutboxHandovers {
    private final PostgresSchema schema = PostgresSchema.fresh("outbox_handover_");

    @Override
    DatabaseConfig database() {
        return schema.config();
    }

    @Override
    void dropDatabase() throws Exception {
        schema.drop();
    }
}
