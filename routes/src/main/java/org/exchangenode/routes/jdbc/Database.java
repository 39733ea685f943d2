package org.exchangenode.routes.jdbc;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceMetrics;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.config.DataDirectory;
import org.exchangenode.routes.config.DatabaseConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.jboss.logging.Logger;

/**
 * The node's database: H2 in a file under the data directory by default, PostgreSQL when configured. The kind is a
 * run-time choice, so the pool (Agroal) and the migrations (Flyway) are driven here rather than by build-time
 * Quarkus datasources. The same SQL runs on both.
 */
@Singleton
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class);
    private final AgroalDataSource dataSource;
    private final DatabaseConfig.Kind kind;

    public Database(DatabaseConfig db, NodeConfig node) {
        this.kind = db.kind();
        String url = db.url().orElseGet(() -> defaultUrl(node));
        if (kind == DatabaseConfig.Kind.postgresql && db.url().isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID,
                    "node.database.url is required when node.database.kind=postgresql");
        }
        String schema = db.schema().orElse(null);
        if (schema != null && kind == DatabaseConfig.Kind.postgresql) {
            createSchema(url, db, schema);
            url = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        this.dataSource = pool(url, db);
        Migrations.apply(dataSource);
        if (db.url().isEmpty()) {
            // the files H2 made at this start (a new database) get what DataDirectory gave the older ones
            DataDirectory.restrictFiles(node.dataDir().toAbsolutePath().resolve("db"));
        }
        LOG.infof("database ready: %s (%s)", kind, redact(url));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The pool's counts (connections in use, idle, threads waiting for one) and times. */
    public AgroalDataSourceMetrics poolMetrics() {
        return dataSource.getMetrics();
    }

    public DatabaseConfig.Kind kind() {
        return kind;
    }

    @PreDestroy
    void close() {
        dataSource.close();
    }

    private static String defaultUrl(NodeConfig config) {
        return "jdbc:h2:file:" + DataDirectory.secure(config.dataDir(), "db").resolve("exchange-node")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=" + QUERY_CACHE_SIZE;
    }

    /**
     * Parsed statements H2 keeps per connection. Its default (8) is fewer than the distinct statements one letter
     * runs (message, outbox, case, step, inbox and audit rows), so H2 parsed nearly every statement again: 7.6 % of
     * the sending node's sampled CPU in the benchmark's profile, 2.5 % with this cache. A few hundred covers every
     * statement the node prepares.
     */
    static final int QUERY_CACHE_SIZE = 256;

    private static AgroalDataSource pool(String url, DatabaseConfig db) {
        try {
            // metrics on: the pool's gauges on /q/metrics (PoolGauges); Quarkus's own datasource metrics do not
            // cover a pool the node builds itself
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .metricsEnabled(true)
                    .connectionPoolConfiguration(pool -> pool
                            .maxSize(db.maxPoolSize())
                            .minSize(1)
                            .initialSize(1)
                            .acquisitionTimeout(Duration.ofSeconds(10))
                            // a connection cut by the server (restart, failover, idle kill) is dropped on its first
                            // error instead of being handed out again and again; idle ones are checked before use
                            .exceptionSorter(db.kind() == DatabaseConfig.Kind.postgresql
                                    ? new PostgreSQLExceptionSorter()
                                    : AgroalConnectionPoolConfiguration.ExceptionSorter.fatalExceptionSorter())
                            .connectionValidator(AgroalConnectionPoolConfiguration.ConnectionValidator
                                    .defaultValidatorWithTimeout(5))
                            .idleValidationTimeout(Duration.ofSeconds(5))
                            .validationTimeout(Duration.ofSeconds(30))
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(url).autoCommit(true).connectionProviderClass(driverClass(db.kind()));
                                db.user().ifPresent(user -> factory.principal(new NamePrincipal(user)));
                                db.password().ifPresent(password -> factory.credential(new SimplePassword(password)));
                                return factory;
                            })));
        } catch (SQLException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot open the database " + redact(url)
                    + ": " + e.getMessage(), e);
        }
    }

    private static Class<? extends java.sql.Driver> driverClass(DatabaseConfig.Kind kind) {
        return kind == DatabaseConfig.Kind.postgresql ? org.postgresql.Driver.class : org.h2.Driver.class;
    }

    private static void createSchema(String url, DatabaseConfig db, String schema) {
        java.util.Properties credentials = new java.util.Properties();
        db.user().ifPresent(user -> credentials.setProperty("user", user));
        db.password().ifPresent(password -> credentials.setProperty("password", password));
        try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
             Statement statement = connection.createStatement()) {
            statement.execute("create schema if not exists " + schema);
        } catch (SQLException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot create schema " + schema + " in "
                    + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** JDBC URLs may carry a password parameter: never log it. */
    public static String redact(String url) {
        return Redaction.text(url);
    }
}
