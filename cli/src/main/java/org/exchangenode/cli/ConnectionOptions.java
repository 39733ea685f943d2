package org.exchangenode.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.PemFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every command that talks to a node: {@code --node URL --user NAME} and the password from
 * {@code --password-env VARIABLE} or {@code --password-file FILE} — never the command line itself, where other users
 * of the machine could read it — and, for a node on https whose certificate a private CA issued, {@code --ca-file}.
 */
final class ConnectionOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--node", required = true, paramLabel = "URL", converter = Converters.NodeUrl.class,
            description = "the node's base URL, e.g. https://exchange-node.example:8443 or http://127.0.0.1:8080")
    URI node;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "an API user of the node")
    String user;

    @Option(names = "--password-env", paramLabel = "VARIABLE",
            description = "the environment variable holding the user's password (or --password-file)")
    String passwordVariable;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "a file holding the user's password; keep it readable by you only (or --password-env)")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "PEM certificates of the CAs to trust for an https node (default: the Java trust store)")
    Path caFile;

    /** The node's API with these credentials; an unusable password or CA option is a usage error naming the option. */
    NodeApi api() {
        return new NodeApi(node, user, password(), trust());
    }

    /** The TLS context trusting {@code --ca-file}'s CAs only; the JVM's default without it. */
    private SSLContext trust() {
        if (caFile == null) {
            return null;
        }
        if (!"https".equals(node.getScheme())) {
            throw Usage.error(command, "option --ca-file: only for a node reached by https");
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            int i = 0;
            for (X509Certificate certificate : PemFiles.readCertificates(caFile)) {
                anchors.setCertificateEntry("ca-" + i++, x509.generateCertificate(
                        new ByteArrayInputStream(certificate.getEncoded())));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (ExchangeException | IOException | GeneralSecurityException e) {
            throw Usage.error(command, "option --ca-file: no PEM certificate can be read from the file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private String password() {
        if ((passwordVariable == null) == (passwordFile == null)) {
            throw Usage.error(command, "give exactly one of --password-env VARIABLE or --password-file FILE");
        }
        if (passwordVariable != null) {
            String value = System.getenv(passwordVariable);
            if (value == null || value.isEmpty()) {
                throw Usage.error(command, "option --password-env: the environment variable it names is not set");
            }
            return value;
        }
        try {
            String value = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw Usage.error(command, "option --password-file: the file is empty");
            }
            return value;
        } catch (IOException e) {
            throw Usage.error(command, "option --password-file: the file cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
