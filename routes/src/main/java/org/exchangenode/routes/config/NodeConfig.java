package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.exchangenode.core.xml.SecureXml;

/**
 * What is node-wide in the configuration (prefix {@code node}): the node's id, its data directory and the limits on any
 * document it reads. Each capability has its own mapping beside this one ({@link BrokerConfig}, {@link DatabaseConfig},
 * {@link CryptoConfig}, {@link DirectoryConfig}, {@link OutboundConfig}, {@link AuditConfig},
 * {@link LocalSystemConfig}, {@link DeadlineConfig}). Installers set the keys in {@code config/application.properties}
 * or environment variables; a value that breaks a constraint stops the start-up with its key named.
 */
@ConfigMapping(prefix = "node")
public interface NodeConfig {
    /** A GB/T 2260 prefecture code, optionally with a 3-digit agency suffix (the same rule as node-core's). */
    String NODE_ID = "[1-9][0-9]{5}([0-9]{3})?";
    String NODE_ID_RULE = "must be a 6-digit division code, optionally followed by a 3-digit agency suffix";

    /** This node's id (e.g. 320100). */
    @Pattern(regexp = NODE_ID, message = NODE_ID_RULE)
    String id();

    /** Where the node keeps its H2 database and the embedded broker's journal. */
    @WithDefault("data")
    Path dataDir();

    /**
     * This instance's id when several instances of the node share its database (letters, digits, {@code . _ : @ -}, at
     * most 64); by default host, process id and a random part, different for every process.
     */
    Optional<String> instanceId();

    /**
     * How long an instance's claim on a row of work (an outbox row, a local-system notification) lasts: the work of an
     * instance killed while it held a claim is taken over by another after this long.
     */
    @WithDefault("PT30S")
    Duration claimLease();

    /** Largest message accepted from the broker, in bytes. */
    @WithDefault("1048576")
    @Min(1)
    int maxMessageBytes();

    /** Deepest element nesting accepted in any document, from the broker or the local system (the root is 1). */
    @WithDefault("32")
    @Min(1)
    int maxDocumentDepth();

    /** Most elements accepted in any document, from the broker or the local system. */
    @WithDefault("20000")
    @Min(1)
    int maxDocumentElements();

    /** The three limits, for {@link SecureXml}. */
    default SecureXml.Limits documentLimits() {
        return new SecureXml.Limits(maxMessageBytes(), maxDocumentDepth(), maxDocumentElements());
    }
}
