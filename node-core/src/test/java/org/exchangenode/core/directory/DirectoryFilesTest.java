package org.exchangenode.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.signing.TrustAnchors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sample directory, signed by the sample network authority, and every way a directory is refused. */
class DirectoryFilesTest {
    private static final Path CERTS = Path.of("../certs-sample");
    private static final Path SAMPLE = Path.of("../config/directory/directory.json");
    private static final TrustAnchors ANCHORS = TrustAnchors.load(List.of(CERTS.resolve("root-ca.crt.pem")));
    private static final List<X509Certificate> AUTHORITY = PemFiles.readCertificates(CERTS.resolve("network-authority.crt.pem"));
    @TempDir
    Path dir;

    /** A copy of the sample with {@code edit} applied, signed again by the sample authority. */
    private Path edited(java.util.function.UnaryOperator<String> edit, boolean sign) throws Exception {
        Path file = dir.resolve("directory.json");
        Files.writeString(file, edit.apply(Files.readString(SAMPLE, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        if (sign) {
            DirectoryFiles.sign(file, PemFiles.readPrivateKey(CERTS.resolve("network-authority.key.pem")), AUTHORITY.get(0));
        } else {
            Files.copy(DirectoryFiles.signatureFile(SAMPLE), DirectoryFiles.signatureFile(file));
        }
        return file;
    }

    @Test
    void shouldLoadTheSignedSampleDirectory() {
        NetworkDirectory directory = DirectoryFiles.load(SAMPLE, AUTHORITY, ANCHORS, Instant.now());
        assertThat(directory.nodes()).extracting(NetworkDirectory.Entry::nodeId).containsExactly("320100", "440300", "510100");
        assertThat(directory.signedBy()).contains("Network Authority");
        assertThat(directory.find("440300").orElseThrow().contact().postcode()).isEqualTo("518048");
        assertThat(directory.find("440300").orElseThrow().certificates().get(0))
                .isEqualTo(PemFiles.readCertificates(CERTS.resolve("440300/node.crt.pem")).get(0));
    }

    @Test
    void shouldRefuseADirectoryChangedAfterItWasSignedOrNotSignedAtAll() throws Exception {
        Path changed = edited(text -> text.replace("\"ACTIVE\"", "\"SUSPENDED\""), false);
        assertThatThrownBy(() -> DirectoryFiles.load(changed, AUTHORITY, ANCHORS, Instant.now()))
                .hasMessageContaining("does not verify with the network authority's key");

        Files.delete(DirectoryFiles.signatureFile(changed));
        assertThatThrownBy(() -> DirectoryFiles.load(changed, AUTHORITY, ANCHORS, Instant.now()))
                .hasMessageContaining("is not signed");
    }

    @Test
    void shouldRefuseADirectoryWithoutAnAuthorityToCheckItUnlessUnsignedIsAllowedForDevelopment() throws Exception {
        Path unsigned = edited(text -> text.replace("\"ACTIVE\"", "\"SUSPENDED\""), false);
        Files.delete(DirectoryFiles.signatureFile(unsigned));
        assertThatThrownBy(() -> DirectoryFiles.load(unsigned, List.of(), ANCHORS, Instant.now()))
                .hasMessageContaining("no network authority certificate is given to check its signature");
        assertThatThrownBy(() -> DirectoryFiles.load(SAMPLE, List.of(), ANCHORS, Instant.now()))
                .hasMessageContaining("no network authority certificate");
        // the development switch: read unsigned (a closed test network)
        assertThat(DirectoryFiles.load(unsigned, List.of(), ANCHORS, Instant.now(), true).signedBy()).isNull();
    }

    @Test
    void shouldNameEveryProblemOfTheEntriesAtOnce() throws Exception {
        Path file = edited(text -> text.replace("\"postcode\" : \"518048\"", "\"postcode\" : \"\"")
                .replace("\"department\" : \"养老保险科\"", "\"department\" : \"  \"")
                .replace("\"nodeId\" : \"510100\"", "\"nodeId\" : \"320100\"")
                .replace("\"version\" : 1", "\"version\" : 0"), true);

        assertThatThrownBy(() -> DirectoryFiles.load(file, AUTHORITY, ANCHORS, Instant.now()))
                .hasMessageContaining("version: must be a whole number from 1")
                .hasMessageContaining("nodes[1].contact.postcode: is required (the published contact data must be complete)")
                .hasMessageContaining("nodes[0].contact.department: is required")
                .hasMessageContaining("nodes[2].certificates[0]: names node 510100, not 320100");
    }

    @Test
    void shouldRefuseACertificateOfAnotherCaOrAnAuthorityThatIsNotTrusted() throws Exception {
        var other = org.exchangenode.core.pki.SamplePkiGenerator.rootCa(
                org.exchangenode.core.signing.SignatureAlgorithms.SM2_SM3, "Other Root", Instant.now(), java.time.Duration.ofDays(30));
        assertThatThrownBy(() -> DirectoryFiles.load(SAMPLE, List.of(other.certificate()), ANCHORS, Instant.now()))
                .hasMessageContaining("the network authority's certificate is not trusted");
    }
}
