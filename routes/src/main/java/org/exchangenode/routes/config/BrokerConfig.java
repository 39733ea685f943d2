package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;

/** The broker the node sends through and consumes its inbox from (prefix {@code node.broker}). */
@ConfigMapping(prefix = "node.broker")
public interface BrokerConfig {
    /** URL of an external Artemis broker (e.g. tcp://broker:61616). Empty: run the embedded broker. */
    Optional<String> url();

    Optional<String> user();

    Optional<String> password();

    /**
     * Password of the trust store the URL names ({@code trustStorePath}), from the environment
     * ({@code NODE_BROKER_TRUST_STORE_PASSWORD}); added to the connection, so the URL holds no secret.
     */
    Optional<String> trustStorePassword();

    /** Password of the key store the URL names ({@code keyStorePath}), from {@code NODE_BROKER_KEY_STORE_PASSWORD}. */
    Optional<String> keyStorePassword();

    /** Concurrent consumers of this node's inbox. */
    @WithDefault("2")
    @Min(1)
    int consumers();

    Embedded embedded();

    interface Embedded {
        /** Address the embedded broker listens on, so that other nodes on this host can join it. */
        @WithDefault("127.0.0.1")
        @NotBlank
        String host();

        @WithDefault("61616")
        @Min(1)
        @Max(65535)
        int port();
    }
}
