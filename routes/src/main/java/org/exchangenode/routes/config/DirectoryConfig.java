package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Who the node's peers are: listed in the configuration ({@code node.peers}) or in a signed directory file
 * ({@code node.directory}). */
@ConfigMapping(prefix = "node")
public interface DirectoryConfig {

    /** The peer directory: node id → peer. */
    Map<String, Peer> peers();

    PeerDirectoryFile directory();

    interface Peer {
        /** The peer agency's name, for operators. */
        @NotBlank
        String name();

        /** The peer's certificate (PEM), to encrypt for it when no directory file lists it. */
        Optional<Path> certificate();
    }

    /**
     * The network's peer directory file (JSON, signed by the network authority). When set it replaces
     * {@code node.peers}: only its ACTIVE nodes are peers, and a peer's messages must be signed with a certificate it
     * lists for that node.
     */
    interface PeerDirectoryFile {
        Optional<Path> file();

        /** The network authority's certificate (PEM, then its issuers): the directory must carry its signature. */
        Optional<Path> authorityCertificate();

        /**
         * DEVELOPMENT ONLY: accept a directory file nobody signed when no {@code authority-certificate} is set (the
         * node warns at start-up). Without it, a directory file needs the authority's signature.
         */
        @WithName("allow-unsigned-for-development")
        @WithDefault("false")
        boolean allowUnsignedForDevelopment();

        /** How often the file is looked at for changes (it is re-read when it or its signature changed). */
        @WithDefault("PT30S")
        @DurationMin(millis = 1)
        Duration checkInterval();
    }
}
