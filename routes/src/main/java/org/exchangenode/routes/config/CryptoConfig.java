package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The node's keys, whom it trusts, and for which peers it encrypts (keys under {@code node.keys}, {@code node.trust},
 * {@code node.encryption}). */
@ConfigMapping(prefix = "node")
public interface CryptoConfig {

    Keys keys();

    Trust trust();

    Encryption encryption();

    interface Keys {
        /** PEM file with the node's private signing key (SM2 or ECDSA P-256). */
        @WithName("private-key")
        Path privateKey();

        /** PEM file with the node's certificate, then any intermediates. */
        Path certificate();

        /**
         * The node's next key and certificate, held beside the current ones ahead of a rollover: bodies peers encrypt
         * for the next certificate (once the directory lists it) are opened with it. To switch, make them the current
         * ones and the current ones previous (a restart); peers accept both certificates while the directory lists both.
         */
        @WithName("next-private-key")
        Optional<Path> nextPrivateKey();

        Optional<Path> nextCertificate();

        /**
         * The node's keys of before its last switches, each with its certificate (same order in both lists), kept only
         * to open bodies encrypted for them: messages stored before the switch that the local system reads (the pull
         * inbox, the webhook, a replay) and letters still on their way. Never used to sign. A certificate may have
         * expired; it must name this node and belong to its key.
         */
        @WithName("previous-private-keys")
        Optional<List<Path>> previousPrivateKeys();

        Optional<List<Path>> previousCertificates();
    }

    interface Trust {
        /** PEM files of the trusted root certificates. */
        @NotEmpty
        List<Path> anchors();

        /**
         * A directory of the anchors' certificate revocation lists ({@code *.crl} DER or {@code *.pem}); re-read when
         * a file changes. A signer on a current CRL is refused ({@code CERTIFICATE_REVOKED}).
         */
        Optional<Path> crls();

        /** How often the CRL directory is looked at for changes. */
        @WithDefault("PT30S")
        @DurationMin(millis = 1)
        Duration crlCheckInterval();
    }

    /** Payload encryption, per peer. */
    interface Encryption {
        /**
         * Peers whose business message bodies are encrypted for them (SM4-GCM for SM2 peers, AES-GCM for P-256 peers),
         * with the certificate the directory lists for them or {@code node.peers."<id>".certificate}.
         */
        Optional<List<@Pattern(regexp = NodeConfig.NODE_ID, message = NodeConfig.NODE_ID_RULE) String>> peers();
    }
}
