package org.exchangenode.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.NodeKeys;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.Revocations;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.TrustAnchors;

/**
 * The installer's commands: {@code keygen}, {@code csr}, {@code import-cert}, {@code trust add|list|remove|add-crl},
 * and the TEST ONLY {@code sample-ca-issue} that plays the network's CA for the demo and the tests. Files are written
 * only after every check passed; a key is never overwritten.
 */
final class InstallerCommands {
    static final List<String> COMMANDS = List.of("keygen", "csr", "import-cert", "trust", "sample-ca-create",
            "sample-ca-issue");
    private final PrintStream out;

    InstallerCommands(PrintStream out) {
        this.out = out;
    }

    int run(String command, List<String> args) {
        try {
            return switch (command) {
                case "keygen" -> keygen(new Arguments(args, Set.of("out", "algorithm")));
                case "csr" -> csr(new Arguments(args, Set.of("key", "node-id", "agency", "out")));
                case "import-cert" -> importCert(new Arguments(args, Set.of("key", "cert", "anchors", "out")));
                case "trust" -> trust(new Arguments(args, Set.of("anchors", "crls")));
                case "sample-ca-create" -> sampleCreate(new Arguments(args, Set.of("out-cert", "out-key", "days")));
                case "sample-ca-issue" -> sampleIssue(new Arguments(args, Set.of("csr", "ca-cert", "ca-key", "out", "days")));
                default -> throw new Arguments.UsageException("unknown command '" + command + "'");
            };
        } catch (ExchangeException e) {
            out.println("refused: " + e.getMessage());
            return ExchangeNodeCli.BROKEN;
        }
    }

    private int keygen(Arguments a) {
        String algorithm = a.optional("algorithm") == null ? "sm2" : a.optional("algorithm");
        SignatureAlgorithms suite = switch (algorithm) {
            case "sm2" -> SignatureAlgorithms.SM2_SM3;
            case "p256" -> SignatureAlgorithms.ECDSA_P256_SHA256;
            default -> throw new Arguments.UsageException("--algorithm is sm2 (default) or p256, not '" + algorithm + "'");
        };
        Path file = Path.of(a.required("out"));
        NodeKeys.generate(suite, file);
        out.println("key written to " + file + " (" + suite + "), readable by its owner only; next: csr --key " + file);
        return ExchangeNodeCli.OK;
    }

    private int csr(Arguments a) {
        Path out = Path.of(a.required("out"));
        var request = NodeKeys.request(PemFiles.readPrivateKey(Path.of(a.required("key"))), a.required("node-id"),
                a.required("agency"));
        PemFiles.write(out, "Certificate request of node " + a.required("node-id") + ": send it to the network's CA.",
                List.of(request));
        this.out.println("request for " + request.getSubject() + " written to " + out);
        return ExchangeNodeCli.OK;
    }

    private int importCert(Arguments a) {
        Path key = Path.of(a.required("key"));
        List<X509Certificate> chain = PemFiles.readCertificates(Path.of(a.required("cert")));
        TrustAnchors anchors = TrustAnchors.load(List.of(Path.of(a.required("anchors"))));
        NodeKeys.checkIssued(PemFiles.readPrivateKey(key), chain, anchors);
        Path target = Path.of(a.required("out"));
        List<X509Certificate> withIssuers = new ArrayList<>(chain);
        anchors.certificates().stream().filter(root -> root.getSubjectX500Principal()
                .equals(chain.get(chain.size() - 1).getIssuerX500Principal()) && !withIssuers.contains(root))
                .findFirst().ifPresent(withIssuers::add);
        PemFiles.write(target, "Certificate of node " + CertificateChecker.nodeIdOf(chain.get(0)) + ", then its issuers.",
                withIssuers);
        X509Certificate c = chain.get(0);
        out.println("certificate of node " + CertificateChecker.nodeIdOf(c) + " (serial " + c.getSerialNumber().toString(16)
                + ") matches the key and chains to the anchors; valid until " + c.getNotAfter().toInstant() + " ("
                + Duration.between(Instant.now(), c.getNotAfter().toInstant()).toDays() + " days); written to " + target);
        return ExchangeNodeCli.OK;
    }

    private int trust(Arguments a) {
        List<String> positional = a.positional();
        if (positional.isEmpty()) {
            throw new Arguments.UsageException("trust list|add|remove|list-crls|add-crl|remove-crl");
        }
        if (positional.get(0).equals("list-crls") || positional.get(0).equals("remove-crl")) {
            return crls(a, positional);
        }
        Path bundle = Path.of(a.required("anchors"));
        List<X509Certificate> anchors = Files.exists(bundle) ? new ArrayList<>(PemFiles.readCertificates(bundle)) : new ArrayList<>();
        switch (positional.get(0)) {
            case "list" -> {
                for (X509Certificate c : anchors) {
                    out.println(fingerprint(c) + "  " + c.getSubjectX500Principal().getName() + "  valid until "
                            + c.getNotAfter().toInstant());
                }
                out.println(anchors.size() + " trust anchor(s) in " + bundle);
            }
            case "add" -> {
                X509Certificate root = PemFiles.readCertificates(Path.of(argument(positional, "CERTIFICATE.pem"))).get(0);
                boolean ca = root.getBasicConstraints() >= 0;
                boolean selfSigned = root.getSubjectX500Principal().equals(root.getIssuerX500Principal());
                if (!ca || !selfSigned) {
                    out.println("refused: " + root.getSubjectX500Principal() + " is not a self-signed CA certificate");
                    return ExchangeNodeCli.BROKEN;
                }
                if (anchors.contains(root)) {
                    out.println("already trusted: " + fingerprint(root) + " " + root.getSubjectX500Principal().getName());
                    return ExchangeNodeCli.OK;
                }
                anchors.add(root);
                PemFiles.write(bundle, "Trust anchors of this node (roots of the network's CA).", anchors);
                out.println("added " + fingerprint(root) + " " + root.getSubjectX500Principal().getName() + " to " + bundle);
            }
            case "remove" -> {
                String prefix = argument(positional, "FINGERPRINT").toLowerCase();
                if (prefix.length() < 8) {
                    throw new Arguments.UsageException("give at least 8 hex digits of the fingerprint (trust list shows them)");
                }
                List<X509Certificate> matching = anchors.stream().filter(c -> fingerprint(c).startsWith(prefix)).toList();
                if (matching.size() != 1) {
                    out.println("refused: " + matching.size() + " anchors match " + prefix);
                    return ExchangeNodeCli.BROKEN;
                }
                anchors.remove(matching.get(0));
                PemFiles.write(bundle, "Trust anchors of this node (roots of the network's CA).", anchors);
                out.println("removed " + matching.get(0).getSubjectX500Principal().getName() + "; restart the node to apply");
            }
            case "add-crl" -> {
                Path crl = Path.of(argument(positional, "CRL-FILE"));
                Path dir = Path.of(a.required("crls"));
                try {
                    Path check = Files.createTempDirectory("crl-check");
                    Files.copy(crl, check.resolve("candidate.crl"));
                    Revocations verified = Revocations.load(check, new TrustAnchors(anchors));
                    Files.createDirectories(dir);
                    Files.copy(crl, dir.resolve(crl.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    out.println("CRL of " + verified.summaries().get(0).issuer() + " (" + verified.summaries().get(0).revoked()
                            + " revoked, next update " + verified.summaries().get(0).nextUpdate() + ") verified and put in "
                            + dir + "; the node reads it within node.trust.crl-check-interval");
                } catch (java.io.IOException e) {
                    out.println("refused: " + e.getMessage());
                    return ExchangeNodeCli.BROKEN;
                }
            }
            default -> throw new Arguments.UsageException("trust add|list|remove|add-crl, not '" + positional.get(0) + "'");
        }
        return ExchangeNodeCli.OK;
    }

    /** The CRLs in the node's CRL directory: list them (verified against the anchors), or remove one file. */
    private int crls(Arguments a, List<String> positional) {
        Path dir = Path.of(a.required("crls"));
        if (positional.get(0).equals("remove-crl")) {
            Path file = dir.resolve(Path.of(argument(positional, "CRL-FILE")).getFileName());
            try {
                if (!Files.deleteIfExists(file)) {
                    out.println("refused: no " + file.getFileName() + " in " + dir);
                    return ExchangeNodeCli.BROKEN;
                }
            } catch (java.io.IOException e) {
                out.println("refused: " + e.getMessage());
                return ExchangeNodeCli.BROKEN;
            }
            out.println("removed " + file + "; the node drops it within node.trust.crl-check-interval");
            return ExchangeNodeCli.OK;
        }
        Revocations loaded = Revocations.load(dir, TrustAnchors.load(List.of(Path.of(a.required("anchors")))));
        for (Revocations.Summary crl : loaded.summaries()) {
            out.println(crl.issuer() + "  " + crl.revoked() + " revoked  this update " + crl.thisUpdate()
                    + "  next update " + crl.nextUpdate());
        }
        out.println(loaded.summaries().size() + " CRL(s) in " + dir + " (" + String.join(", ", loaded.files()) + ")");
        return ExchangeNodeCli.OK;
    }

    /** TEST ONLY: a new sample root CA (SM2), for certs-sample/regenerate.sh. */
    private int sampleCreate(Arguments a) {
        long days = a.number("days") == null ? 7306 : a.number("days");
        var root = SamplePkiGenerator.rootCa(SignatureAlgorithms.SM2_SM3, "Exchange Node Sample Root CA (TEST ONLY)",
                Instant.now(), Duration.ofDays(days));
        String label = "TEST ONLY - sample key material of Exchange Node; never use in production.";
        PemFiles.write(Path.of(a.required("out-cert")), label + "\nSample root CA: the trust anchor.", List.of(root.certificate()));
        PemFiles.write(Path.of(a.required("out-key")), label, List.of(root.keys().getPrivate()));
        out.println("TEST ONLY: sample root CA " + root.certificate().getSubjectX500Principal().getName() + " written");
        return ExchangeNodeCli.OK;
    }

    /** TEST ONLY: the sample CA issues a certificate for a request. */
    private int sampleIssue(Arguments a) {
        X509Certificate ca = PemFiles.readCertificates(Path.of(a.required("ca-cert"))).get(0);
        var issuer = new SamplePkiGenerator.Issued(new java.security.KeyPair(ca.getPublicKey(),
                PemFiles.readPrivateKey(Path.of(a.required("ca-key")))), ca);
        long days = a.number("days") == null ? 3653 : a.number("days");
        X509Certificate issued = NodeKeys.issue(issuer, NodeKeys.readRequest(Path.of(a.required("csr"))), Duration.ofDays(days));
        PemFiles.write(Path.of(a.required("out")), "TEST ONLY - issued by the sample CA of Exchange Node; never use in "
                + "production.", List.of(issued, ca));
        out.println("TEST ONLY: the sample CA issued " + issued.getSubjectX500Principal().getName() + " (serial "
                + issued.getSerialNumber().toString(16) + ") to " + a.required("out"));
        return ExchangeNodeCli.OK;
    }

    private static String argument(List<String> positional, String name) {
        if (positional.size() != 2) {
            throw new Arguments.UsageException("expected " + name + " after the sub-command");
        }
        return positional.get(1);
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
