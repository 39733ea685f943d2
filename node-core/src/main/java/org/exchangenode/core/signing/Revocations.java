package org.exchangenode.core.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
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
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
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
                verified(crl, anchors, path.toString());
                X509CRL known = byIssuer.get(crl.getIssuerX500Principal());
                if (known == null || isNewer(crl, known)) {
                    byIssuer.put(crl.getIssuerX500Principal(), crl);
                }
            }
            names.add(path.getFileName().toString());
        }
        return new Revocations(byIssuer, names);
    }

    /** Checks that {@code crl} is signed by the trust anchor that issued it; {@code where} names it in the error. */
    private static X509CRL verified(X509CRL crl, TrustAnchors anchors, String where) {
        X509Certificate anchor = anchors.certificates().stream()
                .filter(a -> a.getSubjectX500Principal().equals(crl.getIssuerX500Principal())).findFirst()
                .orElseThrow(() -> new ExchangeException(ErrorCode.CONFIGURATION_INVALID, where + ": CRL issuer "
                        + crl.getIssuerX500Principal() + " is not a trust anchor"));
        try {
            crl.verify(anchor.getPublicKey(), CryptoProviders.bc().getName());
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, where + ": the CRL's signature does not "
                    + "verify with the key of " + anchor.getSubjectX500Principal() + " (" + e.getMessage() + ")");
        }
        return crl;
    }

    /** The CRLs of the directory merged with the newest ones kept before (see {@link #merge}). */
    public record Merged(Revocations revocations, List<X509CRL> newer, List<String> refused, List<String> keptOnly) {
    }

    /**
     * Merges these CRLs, read from the directory, with the newest ones kept before ({@code kept}, DER, verified again
     * here): per issuer the newer one is used (a higher CRL number, or without numbers a later this-update). A CRL of
     * the directory older than the one kept is refused (named in {@code refused}) and the kept one stays in use; an
     * issuer whose file is gone keeps its kept CRL ({@code keptOnly}); {@code newer} are the directory's CRLs to keep.
     * A kept CRL that no longer verifies is ignored and named in {@code refused}; one of a CA that is no longer a trust
     * anchor is ignored.
     */
    public Merged merge(Collection<byte[]> kept, TrustAnchors anchors) {
        Map<X500Principal, X509CRL> result = new LinkedHashMap<>(byIssuer);
        List<X509CRL> newer = new ArrayList<>(byIssuer.values());
        List<String> refused = new ArrayList<>();
        List<String> keptOnly = new ArrayList<>();
        for (byte[] der : kept) {
            X509CRL old;
            try {
                old = parse(der);
                X500Principal issuer = old.getIssuerX500Principal();
                if (anchors.certificates().stream().noneMatch(a -> a.getSubjectX500Principal().equals(issuer))) {
                    continue;   // the CA is no longer trusted: its CRL does not matter
                }
                verified(old, anchors, "the CRL kept in the database");
            } catch (ExchangeException e) {
                refused.add(e.getMessage());
                continue;
            }
            X509CRL file = byIssuer.get(old.getIssuerX500Principal());
            if (file == null) {
                result.put(old.getIssuerX500Principal(), old);
                keptOnly.add(old.getIssuerX500Principal().getName());
            } else if (isNewer(old, file)) {
                result.put(old.getIssuerX500Principal(), old);
                newer.remove(file);
                refused.add("the CRL of " + old.getIssuerX500Principal().getName() + " in the directory (" + describe(file)
                        + ") is older than the one seen before (" + describe(old) + "): that one stays in use");
            } else if (!isNewer(file, old)) {
                newer.remove(file);   // the same one
            }
        }
        return new Merged(new Revocations(result, files), newer, refused, keptOnly);
    }

    private static String describe(X509CRL crl) {
        return number(crl).map(n -> "number " + n + ", ").orElse("") + "this update " + crl.getThisUpdate().toInstant();
    }

    /** Whether {@code a} is newer than {@code b} (same issuer): a higher CRL number, or without one a later this-update. */
    public static boolean isNewer(X509CRL a, X509CRL b) {
        Optional<BigInteger> na = number(a);
        Optional<BigInteger> nb = number(b);
        if (na.isPresent() && nb.isPresent() && !na.get().equals(nb.get())) {
            return na.get().compareTo(nb.get()) > 0;
        }
        return a.getThisUpdate().after(b.getThisUpdate());
    }

    /** The CRL number (RFC 5280 5.2.3), if the CRL carries one. */
    public static Optional<BigInteger> number(X509CRL crl) {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getValue());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A DER CRL. */
    public static X509CRL parse(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509", CryptoProviders.bc())
                    .generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "not a readable CRL: " + e.getMessage(), e);
        }
    }

    /** The trust anchors this holds no CRL of (their subjects). */
    public List<String> missingFor(TrustAnchors anchors) {
        return anchors.certificates().stream().map(X509Certificate::getSubjectX500Principal)
                .filter(subject -> !byIssuer.containsKey(subject)).map(X500Principal::getName).toList();
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
