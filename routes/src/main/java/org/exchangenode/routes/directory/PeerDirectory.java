package org.exchangenode.routes.directory;

import static org.exchangenode.core.text.LogText.escape;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangenode.core.directory.DirectoryFiles;
import org.exchangenode.core.directory.NetworkDirectory;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.FileFingerprints;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.routes.config.DirectoryConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.jdbc.TrustStore;
import org.jboss.logging.Logger;

/**
 * The peers this node exchanges with: the ACTIVE nodes of the network's signed directory file
 * ({@code node.directory.file}), or, without one, {@code node.peers}. The file is checked whole before it is used (see
 * {@link DirectoryFiles}); a file that fails at start-up stops the start; a later version that fails, or an older
 * version than the one loaded, is refused and the previous one kept, the failure shown by the health check. Re-read
 * when the file or its signature changes. The file must carry the network authority's signature unless
 * {@code node.directory.allow-unsigned-for-development} is set; the highest version taken is kept in the database, so
 * an older file is refused after a restart too (and by every instance).
 */
@Singleton
public class PeerDirectory {
    private static final Logger LOG = Logger.getLogger(PeerDirectory.class);
    private final DirectoryConfig config;
    private final String nodeId;
    private final TrustAnchors anchors;
    private final TrustStore store;
    private final List<X509Certificate> authority;
    private final AtomicReference<NetworkDirectory> current = new AtomicReference<>();
    private final MultiGauge expiry;
    private volatile String fingerprint = "";
    private volatile String loadError;
    private volatile Instant loadedAt;

    public PeerDirectory(NodeConfig node, DirectoryConfig config, TrustAnchors anchors, TrustStore store, MeterRegistry registry) {
        this.config = config;
        this.nodeId = node.id();
        this.anchors = anchors;
        this.store = store;
        this.expiry = MultiGauge.builder("exn.peer.certificate.days.to.expiry")
                .description("Days until the last-expiring certificate the directory lists for an active peer expires")
                .register(registry);
        try {
            this.authority = config.directory().authorityCertificate().map(PemFiles::readCertificates).orElse(List.of());
        } catch (ExchangeException e) {
            throw new ExchangeException(e.code(), "node.directory.authority-certificate: " + e.getMessage(), e);
        }
        if (config.directory().file().isPresent()) {
            if (authority.isEmpty() && config.directory().allowUnsignedForDevelopment()) {
                LOG.warn("node.directory.allow-unsigned-for-development=true and no node.directory.authority-certificate: "
                        + "the peer directory is taken WITHOUT a signature; never in production");
            }
            try {
                load(config.directory().file().get());
            } catch (ExchangeException e) {
                throw new ExchangeException(e.code(), "node.directory.file: " + e.getMessage(), e);
            }
        }
    }

    /** The loaded directory file, if the node uses one. */
    public Optional<NetworkDirectory> directory() {
        return Optional.ofNullable(current.get());
    }

    public Optional<String> loadError() {
        return Optional.ofNullable(loadError);
    }

    public Optional<Instant> loadedAt() {
        return Optional.ofNullable(loadedAt);
    }

    /** The nodes this one may exchange with now. */
    public Set<String> peerIds() {
        NetworkDirectory directory = current.get();
        if (directory == null) {
            return config.peers().keySet();
        }
        Set<String> ids = new TreeSet<>();
        directory.nodes().stream().filter(n -> n.status() == NetworkDirectory.Status.ACTIVE)
                .filter(n -> !n.nodeId().equals(nodeId)).forEach(n -> ids.add(n.nodeId()));
        return ids;
    }

    public boolean isPeer(String nodeId) {
        return nodeId != null && peerIds().contains(nodeId);
    }

    /** The certificates the directory lists for a node (a message from it must be signed with one), if any. */
    public Optional<List<X509Certificate>> listedCertificates(String nodeId) {
        NetworkDirectory directory = current.get();
        return directory == null ? Optional.empty() : directory.find(nodeId).map(NetworkDirectory.Entry::certificates);
    }

    /** Reads the file again if it or its signature changed; returns whether a new directory was taken. */
    public synchronized boolean reloadIfChanged() {
        if (config.directory().file().isEmpty()) {
            return false;
        }
        Path file = config.directory().file().get();
        String seen = fingerprint(file);
        if (seen.equals(fingerprint)) {
            return false;
        }
        try {
            load(file, seen);
            loadError = null;
            return true;
        } catch (ExchangeException e) {
            if (!e.getMessage().equals(loadError)) {
                LOG.errorf("node.directory.file: %s; keeping directory version %d", escape(e.getMessage()),
                        current.get().version());
            }
            loadError = e.getMessage();
            // what was refused is what was seen before reading: a signature written meanwhile is read at the next check;
            // a database that did not answer (the highest version taken is there) is asked again at the next check
            if (e.code() != ErrorCode.TRANSIENT_FAILURE) {
                fingerprint = seen;
            }
            return false;
        }
    }

    private void load(Path file) {
        load(file, fingerprint(file));
    }

    private void load(Path file, String seen) {
        if (authority.isEmpty() && !config.directory().allowUnsignedForDevelopment()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "directory " + file + " refused: set "
                    + "node.directory.authority-certificate (the network authority's certificate) to check its signature; "
                    + "node.directory.allow-unsigned-for-development=true takes it unsigned, for development only");
        }
        NetworkDirectory loaded = DirectoryFiles.load(file, authority, anchors, Instant.now(),
                config.directory().allowUnsignedForDevelopment());
        NetworkDirectory before = current.get();
        if (before != null && loaded.version() < before.version()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "directory " + file + " refused: version "
                    + loaded.version() + " is older than version " + before.version() + " in use");
        }
        Optional<Long> highest = store.highestDirectoryVersion();
        if (highest.isPresent() && loaded.version() < highest.get()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "directory " + file + " refused: version "
                    + loaded.version() + " is older than version " + highest.get() + " taken before (a rolled-back file)");
        }
        store.directoryTaken(loaded.version(), Instant.now());
        if (loaded.find(nodeId).isEmpty()) {
            LOG.warnf("the directory (version %d) does not list this node %s: peers using it will refuse its messages",
                    loaded.version(), nodeId);
        }
        current.set(loaded);
        fingerprint = seen;
        loadedAt = Instant.now();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        // the peers this node exchanges with: not itself, not a suspended or retired entry, not one without a certificate
        // (each would hold an expiry alert for good)
        for (NetworkDirectory.Entry entry : loaded.nodes()) {
            if (entry.status() != NetworkDirectory.Status.ACTIVE || entry.nodeId().equals(nodeId)
                    || entry.certificates().isEmpty()) {
                continue;
            }
            Instant last = entry.certificates().stream().map(c -> c.getNotAfter().toInstant()).max(Instant::compareTo)
                    .orElseThrow();
            rows.add(MultiGauge.Row.of(Tags.of("peer", entry.nodeId()),
                    () -> Duration.between(Instant.now(), last).toHours() / 24.0));
        }
        expiry.register(rows, true);
        LOG.infof("peer directory version %d (%s) loaded: %d nodes, %d peers active%s", loaded.version(),
                loaded.issuedAt(), loaded.nodes().size(), peerIds().size(),
                loaded.signedBy() == null ? " (not signed: node.directory.authority-certificate is not set)"
                        : ", signed by " + loaded.signedBy());
    }

    private static String fingerprint(Path file) {
        return FileFingerprints.of(List.of(file, DirectoryFiles.signatureFile(file)));
    }
}
