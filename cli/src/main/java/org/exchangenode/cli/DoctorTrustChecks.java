package org.exchangenode.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.Revocations;
import org.exchangenode.core.signing.TrustAnchors;

/** {@code doctor}'s checks of the node's credentials: key and certificate, trust anchors, CRLs. */
final class DoctorTrustChecks {
    static final int WARN_DAYS = 30;

    private DoctorTrustChecks() {
    }

    static NodeCredentials key(DoctorCommand.Config config, DoctorCommand.Report report, String nodeId) {
        Optional<String> key = config.value("node.keys.private-key");
        Optional<String> certificate = config.value("node.keys.certificate");
        if (key.isEmpty() || certificate.isEmpty()) {
            report.fail("key", "node.keys.private-key and node.keys.certificate are required");
            return null;
        }
        try {
            NodeCredentials credentials = NodeCredentials.load(Path.of(key.get()), Path.of(certificate.get()));
            X509Certificate c = credentials.certificate();
            if (!credentials.nodeId().equals(nodeId)) {
                report.fail("key", "the certificate names node " + credentials.nodeId() + ", node.id is " + nodeId);
            }
            long days = Duration.between(Instant.now(), c.getNotAfter().toInstant()).toDays();
            String what = "key matches certificate " + c.getSubjectX500Principal().getName() + " (serial "
                    + c.getSerialNumber().toString(16) + "), valid until " + c.getNotAfter().toInstant() + ": " + days + " days left";
            if (Instant.now().isBefore(c.getNotBefore().toInstant()) || days < 0) {
                report.fail("certificate", what + " — not valid now");
            } else if (days < WARN_DAYS) {
                report.warn("certificate", what + " — renew it (keygen, csr, import-cert) and announce it in the directory");
            } else {
                report.ok("certificate", what);
            }
            return credentials;
        } catch (ExchangeException e) {
            report.fail("key", e.getMessage());
            return null;
        }
    }

    static TrustAnchors trust(DoctorCommand.Config config, DoctorCommand.Report report, NodeCredentials credentials) {
        Optional<String> files = config.value("node.trust.anchors");
        if (files.isEmpty()) {
            report.fail("trust", "node.trust.anchors is required");
            return null;
        }
        try {
            TrustAnchors anchors = TrustAnchors.load(Arrays.stream(files.get().split(",")).map(String::trim).map(Path::of).toList());
            if (credentials != null) {
                new CertificateChecker(anchors).requireTrusted(credentials.chain(), Instant.now());
            }
            report.ok("trust", anchors.certificates().size() + " anchor(s); the node's certificate chains to them");
            return anchors;
        } catch (ExchangeException e) {
            report.fail("trust", e.getMessage());
            return null;
        }
    }

    static void revocations(DoctorCommand.Config config, DoctorCommand.Report report, TrustAnchors anchors, NodeCredentials credentials) {
        Optional<String> dir = config.value("node.trust.crls");
        if (dir.isEmpty()) {
            report.warn("crls", "node.trust.crls is not set: certificates the CA revoked are not refused");
            return;
        }
        if (anchors == null) {
            report.fail("crls", "cannot be checked without trust anchors");
            return;
        }
        try {
            Revocations crls = Revocations.load(Path.of(dir.get()), anchors);
            if (credentials != null && crls.check(credentials.certificate(), Instant.now()).isPresent()) {
                report.fail("crls", "the node's own certificate is revoked");
                return;
            }
            List<Revocations.Summary> stale = crls.summaries().stream()
                    .filter(s -> s.nextUpdate() != null && s.nextUpdate().isBefore(Instant.now())).toList();
            if (!stale.isEmpty()) {
                report.warn("crls", stale.size() + " CRL(s) past their next update (" + stale.get(0).issuer() + "): fetch the new ones");
            } else {
                report.ok("crls", crls.summaries().size() + " CRL(s) verified, current");
            }
        } catch (ExchangeException e) {
            report.fail("crls", e.getMessage());
        }
    }
}
