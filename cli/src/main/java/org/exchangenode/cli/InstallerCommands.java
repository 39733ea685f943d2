package org.exchangenode.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.exchangenode.core.pki.NodeKeys;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.signing.CertificateChecker;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.TrustAnchors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The installer's commands: {@code keygen}, {@code csr}, {@code import-cert} (and {@link TrustCommand}), and the TEST
 * ONLY {@code sample-ca-create} and {@code sample-ca-issue} that play the network's CA for the demo and the tests.
 * Files are written only after every check passed; a key is never overwritten. A refusal (an {@code ExchangeException}
 * of node-core) prints {@code refused: …} and exits 1.
 */
final class InstallerCommands {
    private static final String TEST_ONLY = "TEST ONLY - sample key material of Exchange Node; never use in production.";

    private InstallerCommands() {
    }

    /** A command that needs no node: files in, files out. */
    abstract static class Local implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** The signature suites a node key can be made for, as typed on the command line. */
    enum Algorithm {
        sm2(SignatureAlgorithms.SM2_SM3), p256(SignatureAlgorithms.ECDSA_P256_SHA256);

        final SignatureAlgorithms suite;

        Algorithm(SignatureAlgorithms suite) {
            this.suite = suite;
        }
    }

    @Command(name = "keygen", header = "A new signing key, readable by its owner only (never overwrites a file).")
    static final class Keygen extends Local {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key file to create")
        Path file;
        @Option(names = "--algorithm", paramLabel = "ALGORITHM", defaultValue = "sm2",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        Algorithm algorithm;

        @Override
        public Integer call() {
            NodeKeys.generate(algorithm.suite, file);
            out().println("key written to " + file + " (" + algorithm.suite + "), readable by its owner only; next: csr "
                    + "--key " + file);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "csr", header = "The PKCS#10 request (CN = node id) for the network's CA.")
    static final class Csr extends Local {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "the node's key (keygen)")
        Path key;
        @Option(names = "--node-id", required = true, paramLabel = "ID", description = "the node's id, e.g. 330100")
        String nodeId;
        @Option(names = "--agency", required = true, paramLabel = "NAME", description = "the agency running the node")
        String agency;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the request to write")
        Path target;

        @Override
        public Integer call() {
            var request = NodeKeys.request(PemFiles.readPrivateKey(key), nodeId, agency);
            PemFiles.write(target, "Certificate request of node " + nodeId + ": send it to the network's CA.",
                    List.of(request));
            out().println("request for " + request.getSubject() + " written to " + target);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "import-cert", header = "Checks the issued certificate against the key and the anchors, then writes it for the node.",
        description = {"Checks the issued certificate belongs to the key and chains to the "
            + "anchors, then writes it (with its issuer) for the node."})
    static final class ImportCert extends Local {
        @Option(names = "--key", required = true, paramLabel = "FILE", description = "the node's key")
        Path key;
        @Option(names = "--cert", required = true, paramLabel = "ISSUED.pem", description = "what the CA issued")
        Path cert;
        @Option(names = "--anchors", required = true, paramLabel = "ROOTS.pem", description = "the trust anchors")
        Path anchorsFile;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the node's certificate to write")
        Path target;

        @Override
        public Integer call() {
            List<X509Certificate> chain = PemFiles.readCertificates(cert);
            TrustAnchors anchors = TrustAnchors.load(List.of(anchorsFile));
            NodeKeys.checkIssued(PemFiles.readPrivateKey(key), chain, anchors);
            List<X509Certificate> withIssuers = new ArrayList<>(chain);
            anchors.certificates().stream().filter(root -> root.getSubjectX500Principal()
                    .equals(chain.get(chain.size() - 1).getIssuerX500Principal()) && !withIssuers.contains(root))
                    .findFirst().ifPresent(withIssuers::add);
            PemFiles.write(target, "Certificate of node " + CertificateChecker.nodeIdOf(chain.get(0))
                    + ", then its issuers.", withIssuers);
            X509Certificate c = chain.get(0);
            out().println("certificate of node " + CertificateChecker.nodeIdOf(c) + " (serial "
                    + c.getSerialNumber().toString(16) + ") matches the key and chains to the anchors; valid until "
                    + c.getNotAfter().toInstant() + " (" + Duration.between(Instant.now(), c.getNotAfter().toInstant())
                    .toDays() + " days); written to " + target);
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "sample-ca-create", header = "TEST ONLY: a new sample root CA.",
        description = "TEST ONLY: a new sample root CA (SM2), for certs-sample/regenerate.sh.")
    static final class SampleCaCreate extends Local {
        @Option(names = "--out-cert", required = true, paramLabel = "FILE", description = "the root certificate")
        Path certificate;
        @Option(names = "--out-key", required = true, paramLabel = "FILE", description = "the root's key")
        Path key;
        @Option(names = "--days", paramLabel = "N", defaultValue = "7306", converter = Converters.Positive.class,
                description = "validity in days (default ${DEFAULT-VALUE})")
        long days;

        @Override
        public Integer call() {
            var root = SamplePkiGenerator.rootCa(SignatureAlgorithms.SM2_SM3, "Exchange Node Sample Root CA (TEST ONLY)",
                    Instant.now(), Duration.ofDays(days));
            PemFiles.write(certificate, TEST_ONLY + "\nSample root CA: the trust anchor.", List.of(root.certificate()));
            PemFiles.write(key, TEST_ONLY, List.of(root.keys().getPrivate()));
            out().println("TEST ONLY: sample root CA " + root.certificate().getSubjectX500Principal().getName()
                    + " written");
            return ExchangeNodeCli.OK;
        }
    }

    @Command(name = "sample-ca-issue", header = "TEST ONLY: the sample CA issues a certificate for a request.")
    static final class SampleCaIssue extends Local {
        @Option(names = "--csr", required = true, paramLabel = "FILE", description = "the request (csr)")
        Path csr;
        @Option(names = "--ca-cert", required = true, paramLabel = "FILE", description = "the sample CA's certificate")
        Path caCert;
        @Option(names = "--ca-key", required = true, paramLabel = "FILE", description = "the sample CA's key")
        Path caKey;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the certificate to write")
        Path target;
        @Option(names = "--days", paramLabel = "N", defaultValue = "3653", converter = Converters.Positive.class,
                description = "validity in days (default ${DEFAULT-VALUE})")
        long days;

        @Override
        public Integer call() {
            X509Certificate ca = PemFiles.readCertificates(caCert).get(0);
            var issuer = new SamplePkiGenerator.Issued(new KeyPair(ca.getPublicKey(), PemFiles.readPrivateKey(caKey)), ca);
            X509Certificate issued = NodeKeys.issue(issuer, NodeKeys.readRequest(csr), Duration.ofDays(days));
            PemFiles.write(target, "TEST ONLY - issued by the sample CA of Exchange Node; never use in production.",
                    List.of(issued, ca));
            out().println("TEST ONLY: the sample CA issued " + issued.getSubjectX500Principal().getName() + " (serial "
                    + issued.getSerialNumber().toString(16) + ") to " + target);
            return ExchangeNodeCli.OK;
        }
    }
}
