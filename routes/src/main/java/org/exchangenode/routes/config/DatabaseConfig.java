package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/** The node's database (prefix {@code node.database}): H2 under the data directory by default, or PostgreSQL. */
@ConfigMapping(prefix = "node.database")
public interface DatabaseConfig {
    @WithDefault("h2")
    Kind kind();

    /** JDBC URL. Empty with kind h2: a file database under the data directory. Required for postgresql. */
    Optional<String> url();

    Optional<String> user();

    Optional<String> password();

    /** PostgreSQL schema holding the node's tables (created if missing; the name goes into SQL as it is). */
    Optional<@Pattern(regexp = "[a-z_][a-z0-9_]{0,62}", message = "must be a lower-case SQL identifier") String> schema();

    @WithDefault("16")
    @Min(1)
    int maxPoolSize();

    enum Kind { h2, postgresql }
}
