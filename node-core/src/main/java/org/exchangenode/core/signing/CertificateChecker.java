package org.exchangenode.core.signing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * Decides whether a signer's certificate may speak for a node: it must chain to a trust anchor, be valid at the
 * signing time, allow digital signatures, and name the node id as its subject CN.
 */
public final class CertificateChecker {
    /** Chains already validated, with the period in which all their certificates are valid. */
    private static final int CACHE_LIMIT = 10_000;
    private final Map<List<X509Certificate>, Period> validated = new ConcurrentHashMap<>();
    private final TrustAnchors anchors;
    private final Supplier<Revocations> revocations;

    private record Period(Instant from, Instant to) {
        boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    public CertificateChecker(TrustAnchors anchors) {
        this(anchors, () -> Revocations.NONE);
    }

    /** A checker that also refuses certificates on the current CRLs {@code revocations} gives (it may change). */
    public CertificateChecker(TrustAnchors anchors, Supplier<Revocations> revocations) {
        this.anchors = anchors;
        this.revocations = revocations;
    }

    /**
     * @param chain the signer's certificate first, then any intermediates the message carried
     * @param signingTime the time the message says it was created
     * @param nodeId the node the message claims to come from
     */
    public void check(List<X509Certificate> chain, Instant signingTime, String nodeId) {
        X509Certificate leaf = chain.get(0);
        try {
            leaf.checkValidity(Date.from(signingTime));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_NOT_VALID, "certificate " + leaf.getSubjectX500Principal()
                    + " is valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
                    + ", not at signing time " + signingTime);
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_UNTRUSTED,
                    "certificate " + leaf.getSubjectX500Principal() + " does not allow digital signatures");
        }
        validatePath(chain, signingTime);
        Revocations current = revocations.get();
        for (X509Certificate certificate : chain) {
            current.check(certificate, Instant.now()).ifPresent(revoked -> {
                throw new ExchangeException(ErrorCode.CERTIFICATE_REVOKED, "certificate " + revoked.subject()
                        + " (serial " + revoked.serialHex() + ") was revoked at " + revoked.revokedAt()
                        + (revoked.reason() == null ? "" : " (" + revoked.reason() + ")") + " by its issuer's CRL");
            });
        }
        String named = nodeIdOf(leaf);
        if (!nodeId.equals(named)) {
            throw new ExchangeException(ErrorCode.SENDER_MISMATCH,
                    "message claims to come from node " + nodeId + " but is signed by node " + named);
        }
    }

    /**
     * That a chain (its certificate first) leads to a trust anchor and is valid at {@code at}, whoever it names: for
     * the network authority and for the certificates a directory lists.
     */
    public void requireTrusted(List<X509Certificate> chain, Instant at) {
        pkixValidate(chain, at);
    }

    /** The subject CN of a node certificate, which is the node id. */
    public static String nodeIdOf(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        if (cn.length != 1) {
            return "";
        }
        ASN1Encodable value = cn[0].getFirst().getValue();
        return IETFUtils.valueToString(value);
    }

    /**
     * PKIX validation of the chain at the signing time. A chain that validated once is not validated again for a
     * signing time inside the common validity period of its certificates and anchor: nothing else in the result
     * depends on the time: revocation is checked after it, on every message.
     */
    private void validatePath(List<X509Certificate> chain, Instant signingTime) {
        Period known = validated.get(chain);
        if (known != null && known.contains(signingTime)) {
            return;
        }
        TrustAnchor anchor = pkixValidate(chain, signingTime).getTrustAnchor();
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        List<X509Certificate> all = new ArrayList<>(chain);
        if (anchor.getTrustedCert() != null) {
            all.add(anchor.getTrustedCert());
        }
        for (X509Certificate certificate : all) {
            from = max(from, certificate.getNotBefore().toInstant());
            to = min(to, certificate.getNotAfter().toInstant());
        }
        if (validated.size() >= CACHE_LIMIT) {
            validated.clear();
        }
        validated.put(List.copyOf(chain), new Period(from, to));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private PKIXCertPathValidatorResult pkixValidate(List<X509Certificate> chain, Instant signingTime) {
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(c -> anchors.certificates().contains(c));
        if (path.isEmpty()) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_UNTRUSTED, "a trust anchor itself may not sign messages");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", CryptoProviders.bc());
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(anchors.asPkix());
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(signingTime));
            return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX", CryptoProviders.bc())
                    .validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_UNTRUSTED, "certificate " + chain.get(0).getSubjectX500Principal()
                    + " does not chain to a trust anchor: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new ExchangeException(ErrorCode.CERTIFICATE_UNTRUSTED, "cannot validate the certificate path: " + e.getMessage(), e);
        }
    }
}
