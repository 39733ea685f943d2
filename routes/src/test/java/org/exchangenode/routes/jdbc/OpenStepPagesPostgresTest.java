package org.exchangenode.routes.jdbc;

import org.exchangenode.routes.config.DatabaseConfig;

/** {@link OpenStepPages} on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own per test. */
class OpenStepPagesPostgresTest extends OpenStepPages {
    private final PostgresSchema schema = PostgresSchema.fresh("open_steps_");

    @Override
    DatabaseConfig databaseConfig() {
        return schema.config();
    }

    @Override
    void dropDatabase() throws Exception {
        schema.drop();
    }
}
