package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.xml.SecureXml;

/**
 * The node's configuration (prefix {@code node}). Installers set it in {@code config/application.properties} or
 * environment variables. Values that cannot work stop the start-up with the key named.
 */
@ConfigMapping(prefix = "node")
public interface NodeConfig {

    /** This node's id: a GB/T 2260 prefecture code, optionally with a 3-digit agency suffix (e.g. 320100). */
    String id();

    /** Where the node keeps its H2 database and the embedded broker's journal. */
    @WithDefault("data")
    Path dataDir();

    /** Largest message accepted from the broker, in bytes. */
    @WithDefault("1048576")
    int maxMessageBytes();

    /** Deepest element nesting accepted in any document, from the broker or the local system (the root is 1). */
    @WithDefault("32")
    int maxDocumentDepth();

    /** Most elements accepted in any document, from the broker or the local system. */
    @WithDefault("20000")
    int maxDocumentElements();

    /** The three limits, for {@link SecureXml}. */
    default SecureXml.Limits documentLimits() {
        return new SecureXml.Limits(maxMessageBytes(), maxDocumentDepth(), maxDocumentElements());
    }

    Broker broker();

    Database database();

    Keys keys();

    Trust trust();

    /** The peer directory: node id → peer. */
    Map<String, Peer> peers();

    Relay relay();

    Delivery delivery();

    Audit audit();

    LocalSystem localSystem();

    Calendar calendar();

    PeerDirectoryFile directory();

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
        Duration checkInterval();
    }

    Deadlines deadlines();

    interface Broker {
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
        int consumers();

        Embedded embedded();
    }

    interface Embedded {
        /** Address the embedded broker listens on, so that other nodes on this host can join it. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("61616")
        int port();
    }

    interface Database {
        @WithDefault("h2")
        Kind kind();

        /** JDBC URL. Empty with kind h2: a file database under the data directory. Required for postgresql. */
        Optional<String> url();

        Optional<String> user();

        Optional<String> password();

        /** PostgreSQL schema holding the node's tables (created if missing). */
        Optional<String> schema();

        @WithDefault("16")
        int maxPoolSize();

        enum Kind { h2, postgresql }
    }

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
        List<Path> anchors();

        /**
         * A directory of the anchors' certificate revocation lists ({@code *.crl} DER or {@code *.pem}); re-read when
         * a file changes. A signer on a current CRL is refused ({@code CERTIFICATE_REVOKED}).
         */
        Optional<Path> crls();

        /** How often the CRL directory is looked at for changes. */
        @WithDefault("PT30S")
        Duration crlCheckInterval();
    }

    interface Peer {
        /** The peer agency's name, for operators. */
        String name();

        /** The peer's certificate (PEM), to encrypt for it when no directory file lists it. */
        Optional<Path> certificate();
    }

    Encryption encryption();

    /** Payload encryption, per peer. */
    interface Encryption {
        /**
         * Peers whose business message bodies are encrypted for them (SM4-GCM for SM2 peers, AES-GCM for P-256 peers),
         * with the certificate the directory lists for them or {@code node.peers."<id>".certificate}.
         */
        Optional<List<String>> peers();
    }

    /** Resending business messages whose Receipt does not come. */
    interface Delivery {
        /** Wait for a Receipt after the first send; each resend waits {@code backoff-multiplier} times longer. */
        @WithDefault("PT5M")
        Duration receiptTimeout();

        @WithDefault("2.0")
        double backoffMultiplier();

        /** The longest wait for a Receipt, however many resends. */
        @WithDefault("PT1H")
        Duration maxReceiptTimeout();

        /** Random spread of each wait, so that resends after an outage do not all leave at once (0.2 = ±20 %). */
        @WithDefault("0.2")
        double jitter();

        /** Sends in all (the first and the resends); without a Receipt after the last one the message is FAILED. */
        @WithDefault("5")
        int maxSends();

        /** How often the node looks for messages whose Receipt is overdue. */
        @WithDefault("PT5S")
        Duration checkInterval();
    }

    interface Relay {
        /** How often the outbox relay looks for messages to send when nothing woke it. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        /** Messages sent per broker transaction. */
        @WithDefault("200")
        int batchSize();

        /** Wait before retrying a send that failed because the broker was unreachable. */
        @WithDefault("PT2S")
        Duration retryDelay();

        /**
         * Sends of one message the broker may refuse (the message itself: a peer's inbox not set up, no permission to
         * send there) before it is FAILED with BROKER_REFUSED; the other messages go on meanwhile.
         */
        @WithDefault("8")
        int maxRefusals();

        /** Wait after a message's first refusal; it doubles after each further one, up to {@link #maxRefusalDelay()}. */
        @WithDefault("PT30S")
        Duration refusalDelay();

        @WithDefault("PT30M")
        Duration maxRefusalDelay();
    }

    interface Audit {
        /** Keep the tamper-evident log (issue 5). Off only to measure what it costs. */
        @WithDefault("true")
        boolean enabled();

        /** How often the chain head is signed (only when it moved); it is also signed at shutdown. */
        @WithDefault("PT5M")
        Duration checkpointInterval();

        /** Entries older than this move into sealed archive files; none are moved when absent. */
        Optional<Duration> retainFor();

        /** How often retention looks for entries to archive. */
        @WithDefault("PT1H")
        Duration archiveInterval();

        /** Where sealed archive files go (default: audit-archive under the data directory). */
        Optional<Path> archiveDir();
    }

    /** The agency's own business system, which receives the forms this node receives. */
    interface LocalSystem {
        Webhook webhook();

        FileDrop fileDrop();

        Soap soap();

        /** The SOAP intake at /soap: only SOAP content types, and no calls from web pages of other origins. */
        interface Soap {
            /**
             * Web origins ({@code https://host[:port]}) whose pages may call the SOAP intake. None by default: a
             * request carrying an {@code Origin} header (a browser's) is refused, so no web page can post a form.
             */
            Optional<List<String>> allowedOrigins();
        }

        /**
         * A directory the local system drops forms into: {@code <dir>/inbox/<name>.<form-type>.(xml|json)}. Accepted
         * files move to {@code <dir>/archive/<date>/} with a {@code .accepted.txt} beside them (message id, case);
         * refused ones to {@code <dir>/error/} with a {@code .errors.txt} naming every failing field.
         */
        interface FileDrop {
            /** The drop directory; no file drop when absent. */
            Optional<Path> dir();

            @WithDefault("PT2S")
            Duration pollInterval();

            /** A file younger than this is left for the next poll: it may still be being written. */
            @WithDefault("PT1S")
            Duration settleTime();
        }

        interface Webhook {
            /** Where every received business message is POSTed (JSON); none when absent. */
            Optional<URI> url();

            @WithDefault("PT10S")
            Duration timeout();

            /** First wait after a failed POST; each further wait doubles, up to {@code max-backoff}. */
            @WithDefault("PT5S")
            Duration initialBackoff();

            @WithDefault("PT30M")
            Duration maxBackoff();

            /** After this many failed POSTs the notification is FAILED (visible to operators, who can replay it). */
            @WithDefault("20")
            int maxAttempts();

            @WithDefault("PT1S")
            Duration pollInterval();
        }
    }

    /** The working-day calendar: one file per year, {@code <year>.properties}, that an operator adds each winter. */
    interface Calendar {
        /** The directory of the yearly files; re-read at every deadline sweep, so a new year needs no restart. */
        @WithDefault("config/calendar")
        Path dir();
    }

    /** Time limits of case steps, in working days, and the sweep that watches them. */
    interface Deadlines {
        /** Step 3: the transfer-out agency answers the contact letter with the information form and the funds. */
        @WithDefault("15")
        int step3Days();

        /** Step 3a: the transfer-out agency's notice of back-payment periods that cannot move (94号). */
        @WithDefault("10")
        int step3aDays();

        /** Step 4: the transfer-in agency checks, credits and tells the person, once form and funds both arrived. */
        @WithDefault("15")
        int step4Days();

        /** An open step is DUE_SOON when this many working days or fewer are left. */
        @WithDefault("3")
        int dueSoonDays();

        /** How often the sweep runs (on one node instance at a time). */
        @WithDefault("PT10M")
        Duration sweepInterval();

        /** Send the peer a Reminder when a step waiting on it becomes DUE_SOON and again when OVERDUE. */
        @WithDefault("false")
        boolean reminders();
    }
}
