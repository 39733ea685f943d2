package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.util.Map;
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

    /**
     * The most inbox messages one consumer stores in one database and one broker transaction when the inbox is behind
     * (group commit); 1 stores each message in transactions of its own, as before group commit.
     */
    @WithDefault("16")
    @Min(1)
    @Max(64)
    int inboxGroup();

    Embedded embedded();

    interface Embedded {
        /**
         * Address the embedded broker listens on, so that other nodes can join it. Beyond loopback the node refuses to
         * start without {@link #keyStore()}: ID numbers never cross a network in clear.
         */
        @WithDefault("127.0.0.1")
        @NotBlank
        String host();

        @WithDefault("61616")
        @Min(1)
        @Max(65535)
        int port();

        /**
         * Who may log in to the embedded broker, by user name, with the roles of {@code config/broker}: a user
         * {@code node-<id>} (one per node: this node's own and each node that joins this broker) may send to every
         * node's inbox and consume and browse only its own inbox and dead-letter queue; {@code operator} may read the
         * dead-letter queues; {@code admin} may do everything (set-up and repair). Anonymous connections are refused.
         * This node's own user needs no entry: without one its in-VM connection gets a password made at start.
         */
        Map<String, BrokerUser> users();

        /**
         * PKCS#12 key store of the TCP acceptor (its server certificate): with it the acceptor speaks only TLS. Required
         * when {@link #host()} is not a loopback address.
         */
        Optional<Path> keyStore();

        /** Password of {@link #keyStore()}, from the environment in production. */
        Optional<String> keyStorePassword();
    }

    /** A user of the embedded broker. */
    interface BrokerUser {
        /** From the environment in production ({@code ${ENV_VAR}} in the properties file). */
        @NotBlank
        String password();
    }
}
