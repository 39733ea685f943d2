package org.exchangenode.core.pki;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.exchangenode.core.directory.DirectoryFiles;
import org.exchangenode.core.signing.SignatureAlgorithms;

/**
 * Writes the TEST ONLY sample peer directory of the demo and the tests: the three sample nodes with their agencies'
 * contact data and their certificates from {@code certs-sample}, signed by a TEST ONLY network authority issued by
 * the sample root (kept in {@code certs-sample/network-authority.*.pem}; issued when missing).
 *
 * <pre>usage: SampleDirectory &lt;certs-sample dir&gt; &lt;directory.json to write&gt;</pre>
 */
public final class SampleDirectory {
    private static final String TEST_ONLY = "TEST ONLY - sample key material of Exchange Node; never use in production.";
    private static final List<String[]> NODES = List.of(
            new String[] {"320100", "南京市社会保险管理中心", "南京市建邺区江东中路", "210019", "养老保险科", "025-12345678"},
            new String[] {"440300", "深圳市社会保险基金管理局", "深圳市福田区福华三路", "518048", "养老保险关系转移科", "0755-12345678"},
            new String[] {"510100", "成都市社会保险事业管理局", "成都市高新区天府大道", "610041", "养老保险科", "028-12345678"});

    private SampleDirectory() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SampleDirectory <certs-sample dir> <directory.json to write>");
            System.exit(2);
        }
        write(Path.of(args[0]), Path.of(args[1]));
    }

    public static void write(Path certs, Path file) {
        X509Certificate root = PemFiles.readCertificates(certs.resolve("root-ca.crt.pem")).get(0);
        Path authorityCert = certs.resolve("network-authority.crt.pem");
        Path authorityKey = certs.resolve("network-authority.key.pem");
        if (!Files.isRegularFile(authorityCert) || !issuedBy(PemFiles.readCertificates(authorityCert).get(0), root)) {
            SamplePkiGenerator.Issued ca = new SamplePkiGenerator.Issued(new KeyPair(root.getPublicKey(),
                    PemFiles.readPrivateKey(certs.resolve("root-ca.key.pem"))), root);
            SamplePkiGenerator.Issued authority = SamplePkiGenerator.authority(ca, SignatureAlgorithms.SM2_SM3,
                    "Exchange Node Network Authority (TEST ONLY)", Instant.now(), Duration.ofDays(3653));
            PemFiles.write(authorityCert, TEST_ONLY + "\nSample network authority: signs the peer directory.",
                    List.of(authority.certificate(), root));
            PemFiles.write(authorityKey, TEST_ONLY, List.of(authority.keys().getPrivate()));
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode directory = json.createObjectNode();
        directory.put("version", 1);
        directory.put("issuedAt", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        ArrayNode nodes = directory.putArray("nodes");
        for (String[] n : NODES) {
            ObjectNode node = nodes.addObject();
            node.put("nodeId", n[0]);
            node.put("agencyName", n[1]);
            node.put("status", "ACTIVE");
            node.put("brokerAddress", "tcp://127.0.0.1:61616");
            ObjectNode contact = node.putObject("contact");
            contact.put("address", n[2]);
            contact.put("postcode", n[3]);
            contact.put("department", n[4]);
            contact.put("phone", n[5]);
            X509Certificate certificate = PemFiles.readCertificates(certs.resolve(n[0]).resolve("node.crt.pem")).get(0);
            node.putArray("certificates").add(pem(certificate));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writeValueAsString(directory) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<X509Certificate> chain = PemFiles.readCertificates(authorityCert);
        DirectoryFiles.sign(file, PemFiles.readPrivateKey(authorityKey), chain.get(0));
        System.out.println("wrote and signed " + file);
    }

    /** Whether {@code certificate} was issued by {@code root} as it is now (a regenerated root voids the old one). */
    private static boolean issuedBy(X509Certificate certificate, X509Certificate root) {
        try {
            certificate.verify(root.getPublicKey(), org.exchangenode.core.signing.CryptoProviders.bc().getName());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
