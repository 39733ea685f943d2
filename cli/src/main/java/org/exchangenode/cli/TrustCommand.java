package org.exchangenode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.Revocations;
import org.exchangenode.core.signing.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trust}: the node's trust anchors (the roots of the network's CA) and the CRLs it reads. Without a
 * sub-command: the usage, exit 2.
 */
@Command(name = "trust", header = "The trust anchors and the CRLs the node reads.",
        synopsisSubcommandLabel = "(list | add | remove | list-crls | add-crl | remove-crl)",
        description = "The trust anchors (list, add, remove by fingerprint) and the CRLs the node reads (list-crls, "
                + "add-crl after verifying it, remove-crl).",
        subcommands = {TrustCommand.ListAnchors.class, TrustCommand.Add.class, TrustCommand.Remove.class,
            TrustCommand.ListCrls.class, TrustCommand.AddCrl.class, TrustCommand.RemoveCrl.class})
final class TrustCommand extends InstallerCommands.Local {
    private static final String BUNDLE = "Trust anchors of this node (roots of the network's CA).";

    @Override
    public Integer call() {
        throw Usage.error(spec, "give one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The anchors bundle: its certificates, none when it does not exist yet. */
    abstract static class Anchors extends InstallerCommands.Local {
        @Option(names = "--anchors", required = true, paramLabel = "ROOTS.pem", description = "the trust anchors bundle")
        Path bundle;

        List<X509Certificate> anchors() {
            return Files.exists(bundle) ? new ArrayList<>(PemFiles.readCertificates(bundle)) : new ArrayList<>();
        }
    }

    @Command(name = "list", description = "The anchors with their SHA-256 fingerprints.")
    static final class ListAnchors extends Anchors {
        @Override
        public Integer call() {
            List<X509Certificate> anchors = anchors();
            for (X509Certificate c : anchors) {
                out().println(fingerprint(c) + "  " + c.getSubjectX500Principal().getName() + "  valid until "
                        + c.getNotAfter().toInstant());
            }
            out().println(anchors.size() + " trust anchor(s) in " + bundle);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "add", description = "Adds a self-signed CA certificate to the anchors.")
    static final class Add extends Anchors {
        @Parameters(paramLabel = "CERTIFICATE.pem", arity = "1", description = "the root certificate")
        Path certificate;

        @Override
        public Integer call() {
            List<X509Certificate> anchors = anchors();
            X509Certificate root = PemFiles.readCertificates(certificate).get(0);
            boolean ca = root.getBasicConstraints() >= 0;
            boolean selfSigned = root.getSubjectX500Principal().equals(root.getIssuerX500Principal());
            if (!ca || !selfSigned) {
                out().println("refused: " + root.getSubjectX500Principal() + " is not a self-signed CA certificate");
                return ExchangeNodeCli.BROKEN;
            }
            if (anchors.contains(root)) {
                out().println("already trusted: " + fingerprint(root) + " " + root.getSubjectX500Principal().getName());
                return ExchangeNodeCli.OK;
            }
            anchors.add(root);
            PemFiles.write(bundle, BUNDLE, anchors);
            out().println("added " + fingerprint(root) + " " + root.getSubjectX500Principal().getName() + " to " + bundle);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "remove", description = "Removes the anchor with this fingerprint (trust list shows them).")
    static final class Remove extends Anchors {
        @Parameters(paramLabel = "FINGERPRINT", arity = "1", description = "at least 8 hex digits of it")
        String fingerprint;

        @Override
        public Integer call() {
            String prefix = fingerprint.toLowerCase();
            if (prefix.length() < 8) {
                throw Usage.error(spec, "give at least 8 hex digits of the fingerprint (trust list shows them)");
            }
            List<X509Certificate> anchors = anchors();
            List<X509Certificate> matching = anchors.stream().filter(c -> fingerprint(c).startsWith(prefix)).toList();
            if (matching.size() != 1) {
                out().println("refused: " + matching.size() + " anchors match " + prefix);
                return ExchangeNodeCli.BROKEN;
            }
            anchors.remove(matching.get(0));
            PemFiles.write(bundle, BUNDLE, anchors);
            out().println("removed " + matching.get(0).getSubjectX500Principal().getName() + "; restart the node to apply");
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "list-crls", description = "The CRLs in the node's CRL directory, verified against the anchors.")
    static final class ListCrls extends Anchors {
        @Option(names = "--crls", required = true, paramLabel = "DIR", description = "the node's CRL directory")
        Path dir;

        @Override
        public Integer call() {
            Revocations loaded = Revocations.load(dir, TrustAnchors.load(List.of(bundle)));
            for (Revocations.Summary crl : loaded.summaries()) {
                out().println(crl.issuer() + "  " + crl.revoked() + " revoked  this update " + crl.thisUpdate()
                        + "  next update " + crl.nextUpdate());
            }
            out().println(loaded.summaries().size() + " CRL(s) in " + dir + " (" + String.join(", ", loaded.files()) + ")");
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "add-crl", description = "Verifies a CA's CRL against the anchors, then puts it in the CRL directory.")
    static final class AddCrl extends Anchors {
        @Parameters(paramLabel = "CRL-FILE", arity = "1", description = "the CRL as the CA published it")
        Path crl;
        @Option(names = "--crls", required = true, paramLabel = "DIR", description = "the node's CRL directory")
        Path dir;

        @Override
        public Integer call() {
            try {
                Path check = Files.createTempDirectory("crl-check");
                Files.copy(crl, check.resolve("candidate.crl"));
                Revocations.Summary verified = Revocations.load(check, new TrustAnchors(anchors())).summaries().get(0);
                Files.createDirectories(dir);
                Files.copy(crl, dir.resolve(crl.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                out().println("CRL of " + verified.issuer() + " (" + verified.revoked() + " revoked, next update "
                        + verified.nextUpdate() + ") verified and put in " + dir
                        + "; the node reads it within node.trust.crl-check-interval");
                return ExchangeNodeCli.OK;
            } catch (IOException e) {
                out().println("refused: " + e.getMessage());
                return ExchangeNodeCli.BROKEN;
            }
        }
    }

    @Command(name = "remove-crl", description = "Removes a CRL file from the node's CRL directory.")
    static final class RemoveCrl extends InstallerCommands.Local {
        @Parameters(paramLabel = "CRL-FILE", arity = "1", description = "the file's name in the directory")
        Path crl;
        @Option(names = "--crls", required = true, paramLabel = "DIR", description = "the node's CRL directory")
        Path dir;

        @Override
        public Integer call() {
            Path file = dir.resolve(crl.getFileName());
            try {
                if (!Files.deleteIfExists(file)) {
                    out().println("refused: no " + file.getFileName() + " in " + dir);
                    return ExchangeNodeCli.BROKEN;
                }
            } catch (IOException e) {
                out().println("refused: " + e.getMessage());
                return ExchangeNodeCli.BROKEN;
            }
            out().println("removed " + file + "; the node drops it within node.trust.crl-check-interval");
            return ExchangeNodeCli.OK;
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
