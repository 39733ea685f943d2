package org.exchangenode.core.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * The certificate revocation lists of the trust anchors: one CRL per anchor (the newest given), each verified with its
 * anchor's key before it is used. Files are DER or PEM ({@code *.crl}, {@code *.pem}) in one directory. A CRL whose
 * issuer is not a trust anchor, or whose signature does not verify, is refused with the file named. Immutable.
 */
public final class Revocations {
    /** No CRLs: nothing is revoked. */
    public static final Revocations NONE = new Revocations(Map.of(), List.of());

    private final Map<X500Principal, X509CRL> byIssuer;
    private final List<String> files;

    private Revocations(Map<X500Principal, X509CRL> byIssuer, List<String> files) {
        this.byIssuer = Map.copyOf(byIssuer);
        this.files = List.copyOf(files);
    }

    /** A revoked certificate: its serial, when and (if given) why. */
    public record Revoked(String subject, String serialHex, Instant revokedAt, String reason) {
    }

    /** A loaded CRL: its issuer, this and next update, and how many certificates it revokes. */
    public record Summary(String issuer, Instant thisUpdate, Instant nextUpdate, int revoked) {
    }

    public static Revocations load(Path dir, TrustAnchors anchors) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "CRL directory " + dir + " does not exist");
        }
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{crl,pem}")) {
            stream.forEach(paths::add);
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read CRL directory " + dir + ": "
                    + e.getMessage(), e);
        }
        paths.sort(null);
        Map<X500Principal, X509CRL> byIssuer = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Path path : paths) {
            for (X509CRL crl : read(path)) {
                X509Certificate anchor = anchors.certificates().stream()
                        .filter(a -> a.getSubjectX500Principal().equals(crl.getIssuerX500Principal())).findFirst()
                        .orElseThrow(() -> new ExchangeException(ErrorCode.CONFIGURATION_INVALID, path + ": CRL issuer "
                                + crl.getIssuerX500Principal() + " is not a trust anchor"));
                try {
                    crl.verify(anchor.getPublicKey(), CryptoProviders.bc().getName());
                } catch (GeneralSecurityException e) {
                    throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, path + ": the CRL's signature does not "
                            + "verify with the key of " + anchor.getSubjectX500Principal() + " (" + e.getMessage() + ")");
                }
                X509CRL known = byIssuer.get(crl.getIssuerX500Principal());
                if (known == null || crl.getThisUpdate().after(known.getThisUpdate())) {
                    byIssuer.put(crl.getIssuerX500Principal(), crl);
                }
            }
            names.add(path.getFileName().toString());
        }
        return new Revocations(byIssuer, names);
    }

    private static Collection<X509CRL> read(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", CryptoProviders.bc());
            List<X509CRL> crls = new ArrayList<>();
            factory.generateCRLs(in).forEach(crl -> crls.add((X509CRL) crl));
            if (crls.isEmpty()) {
                throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, path + " holds no CRL");
            }
            return crls;
        } catch (IOException | CRLException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, path + " is not a readable CRL: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot read CRLs: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a certificate is revoked as of {@code now}: listed on its issuer's CRL with a revocation date not after
     * {@code now}. A message's claimed signing time does not matter: a stolen key can claim any time.
     */
    public Optional<Revoked> check(X509Certificate certificate, Instant now) {
        X509CRL crl = byIssuer.get(certificate.getIssuerX500Principal());
        if (crl == null) {
            return Optional.empty();
        }
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry == null || entry.getRevocationDate().after(Date.from(now))) {
            return Optional.empty();
        }
        return Optional.of(new Revoked(certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), entry.getRevocationDate().toInstant(),
                entry.getRevocationReason() == null ? null : entry.getRevocationReason().name()));
    }

    public List<Summary> summaries() {
        return byIssuer.values().stream().map(crl -> new Summary(crl.getIssuerX500Principal().getName(),
                crl.getThisUpdate().toInstant(), crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant(),
                crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size())).toList();
    }

    public List<String> files() {
        return files;
    }
}
