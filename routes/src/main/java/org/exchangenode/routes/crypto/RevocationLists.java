package org.exchangenode.routes.crypto;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.FileFingerprints;
import org.exchangenode.core.signing.Revocations;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.routes.config.CryptoConfig;
import org.exchangenode.routes.jdbc.TrustStore;
import org.jboss.logging.Logger;

/**
 * The current CRLs of the trust anchors ({@code node.trust.crls}). Read at start-up (a CRL that does not verify stops
 * the start, naming the file) and again whenever a file in the directory changes; a directory that no longer loads
 * keeps the CRLs read before, and the failure shows in the health check until it is fixed. The newest verified CRL of
 * each CA is kept in the database: a file deleted or replaced by an older CRL (a rollback) never turns revocation off
 * or back, also not after a restart; the older file is refused and named.
 */
@Singleton
public class RevocationLists {
    private static final Logger LOG = Logger.getLogger(RevocationLists.class);
    private final CryptoConfig.Trust config;
    private final TrustAnchors anchors;
    private final TrustStore store;
    private final AtomicReference<Revocations> current = new AtomicReference<>(Revocations.NONE);
    private volatile String fingerprint = "";
    private volatile String loadError;
    private volatile List<String> refused = List.of();

    public RevocationLists(CryptoConfig crypto, TrustAnchors anchors, TrustStore store) {
        this.config = crypto.trust();
        this.anchors = anchors;
        this.store = store;
        if (config.crls().isPresent()) {
            try {
                load();
            } catch (ExchangeException e) {
                throw new ExchangeException(e.code(), "node.trust.crls: " + e.getMessage(), e);
            }
        }
    }

    public Revocations current() {
        return current.get();
    }

    public Optional<String> loadError() {
        return Optional.ofNullable(loadError);
    }

    /** CRLs of the directory refused because a newer one of their CA was seen before (that one stays in use). */
    public List<String> refused() {
        return refused;
    }

    /** Whether CRLs are configured ({@code node.trust.crls}): then every anchor must have a current one. */
    public boolean configured() {
        return config.crls().isPresent();
    }

    /** The trust anchors without a CRL (their subjects). */
    public List<String> missing() {
        return configured() ? current.get().missingFor(anchors) : List.of();
    }

    /** Reads the directory again if a file in it changed; returns whether the CRLs changed. */
    public synchronized boolean reloadIfChanged() {
        if (config.crls().isEmpty()) {
            return false;
        }
        String now = fingerprint(config.crls().get());
        if (now.equals(fingerprint)) {
            return false;
        }
        try {
            load();
            loadError = null;
            return true;
        } catch (ExchangeException e) {
            if (!e.getMessage().equals(loadError)) {
                LOG.errorf("node.trust.crls: %s; keeping the CRLs read before", escape(e.getMessage()));
            }
            loadError = e.getMessage();
            if (e.code() != ErrorCode.TRANSIENT_FAILURE) {
                fingerprint = now;   // the same broken files are not read again until they change
            }                        // (a database that did not answer, where the newest CRLs are kept, is asked again)
            return false;
        }
    }

    private void load() {
        Path dir = config.crls().get();
        String seen = fingerprint(dir);
        Revocations.Merged merged = Revocations.load(dir, anchors).merge(store.crls(), anchors);
        merged.newer().forEach(crl -> store.keepCrl(crl, Instant.now()));
        Revocations loaded = merged.revocations();
        current.set(loaded);
        fingerprint = seen;
        refused = merged.refused();
        refused.forEach(r -> LOG.errorf("node.trust.crls: %s", r));
        merged.keptOnly().forEach(issuer -> LOG.warnf("node.trust.crls: no file holds the CRL of %s; the newest seen "
                + "before stays in use", issuer));
        loaded.summaries().forEach(s -> LOG.infof("CRL of %s: %d revoked, this update %s, next update %s", s.issuer(),
                s.revoked(), s.thisUpdate(), s.nextUpdate()));
    }

    /** Names and contents of the directory's files. */
    private static String fingerprint(Path dir) {
        TreeMap<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                files.put(file.getFileName().toString(), file);
            }
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        return FileFingerprints.of(List.copyOf(files.values()));
    }
}
