package org.exchangenode.routes.jdbc;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.exchangenode.routes.config.DatabaseConfig;

/**
 * The database connection pool of this instance, read at each scrape: connections in use and idle, the pool's size,
 * threads waiting for a connection and the time they waited in all. Threads that wait while the pool is full say that
 * {@code node.database.max-pool-size} is too small for the load (or the database too slow).
 */
@Startup
@Singleton
public class PoolGauges {

    public PoolGauges(Database database, DatabaseConfig config, MeterRegistry registry) {
        Gauge.builder("exn.database.pool.active", database, d -> d.poolMetrics().activeCount()).baseUnit("connections")
                .description("Database connections in use").register(registry);
        Gauge.builder("exn.database.pool.idle", database, d -> d.poolMetrics().availableCount()).baseUnit("connections")
                .description("Database connections open and idle").register(registry);
        Gauge.builder("exn.database.pool.max", config, c -> c.maxPoolSize()).baseUnit("connections")
                .description("The pool's size, node.database.max-pool-size").register(registry);
        Gauge.builder("exn.database.pool.pending", database, d -> d.poolMetrics().awaitingCount()).baseUnit("threads")
                .description("Threads waiting for a database connection now").register(registry);
        FunctionCounter.builder("exn.database.pool.wait", database,
                        d -> d.poolMetrics().blockingTimeTotal().toNanos() / 1e9).baseUnit("seconds")
                .description("Time threads spent waiting for a database connection, in all").register(registry);
    }
}
