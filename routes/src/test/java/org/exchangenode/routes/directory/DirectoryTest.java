package org.exchangenode.routes.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.routes.ApiUserForTests.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.exchangenode.core.directory.DirectoryFiles;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.config.DirectoryConfig;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.jdbc.TrustStore;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * Node 320100 on the signed sample directory: only its ACTIVE nodes are peers, a peer must sign with a certificate the
 * directory lists (the next one is accepted once announced), a new version is taken while it runs, and a file changed
 * without the authority's signature is refused with the previous version kept, an older version also after a restart
 * (the highest version taken is kept in the database, so the class runs on a database of its own), and without an
 * authority certificate no directory is taken unless unsigned ones are allowed for development.
 */
@QuarkusTest
@TestProfile(DirectoryTest.OnDirectory.class)
class DirectoryTest extends PeerTestSupport {
    static final Path DIR = Path.of("target/test-directory");
    static final Path FILE = DIR.resolve("directory.json");
    private static final Path CERTS = Path.of("../certs-sample");
    private static final Path SAMPLE = Path.of("../config/directory/directory.json");

    /** The test profile: the directory file (a copy of the sample, which the test then changes) replaces node.peers. */
    public static class OnDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR);
                Files.copy(SAMPLE, FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(DirectoryFiles.signatureFile(SAMPLE), DirectoryFiles.signatureFile(FILE),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("node.directory.file", FILE.toString(),
                    "node.directory.authority-certificate", CERTS.resolve("network-authority.crt.pem").toString(),
                    "node.directory.check-interval", "PT0.3S",
                    "node.data-dir", "target/test-data-directory-" + Long.toString(System.nanoTime(), 36));
        }
    }

    @Inject
    PeerDirectory directory;
    @Inject
    NodeConfig node;
    @Inject
    DirectoryConfig config;
    @Inject
    TrustAnchors anchors;
    @Inject
    TrustStore store;

    /** Publishes a new version: the sample changed by {@code edit}, signed by the sample network authority. */
    private static void publish(long version, UnaryOperator<String> edit, boolean sign) throws IOException {
        String text = edit.apply(Files.readString(SAMPLE, StandardCharsets.UTF_8)
                .replace("\"version\" : 1", "\"version\" : " + version));
        Files.writeString(FILE, text, StandardCharsets.UTF_8);
        if (sign) {
            DirectoryFiles.sign(FILE, PemFiles.readPrivateKey(CERTS.resolve("network-authority.key.pem")),
                    PemFiles.readCertificates(CERTS.resolve("network-authority.crt.pem")).get(0));
        }
    }

    /** The version after the one in use. */
    private long next() {
        return directory.directory().orElseThrow().version() + 1;
    }

    private void awaitVersion(long version) {
        await().atMost(WAIT).until(() -> directory.directory().orElseThrow().version() == version);
    }

    /** A certificate as the directory file writes it: PEM inside a JSON string (line breaks escaped). */
    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(certificate.getEncoded()).replace("\n", "\\n").replace("\r", "")
                    + "\\n-----END CERTIFICATE-----\\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldFollowTheDirectoryAsItChanges() throws Exception {
        long v = directory.directory().orElseThrow().version();
        given().get("/api/v1/directory").then().statusCode(200).body("source", equalTo("file"))
                .body("version", equalTo((int) v)).body("signedBy", containsString("Network Authority"))
                .body("nodes.nodeId", hasItem("510100"))
                .body("nodes.find { it.nodeId == '440300' }.contact.postcode", equalTo("518048"))
                .body("nodes.find { it.nodeId == '440300' }.peer", equalTo(true));
        given().get("/q/health/well").then().body("checks.find { it.name == 'directory' }.status", equalTo("UP"));

        // the next version suspends Chengdu: no form may go to it, and its messages are refused
        publish(v + 1, text -> text.replace("\"nodeId\" : \"510100\",\n    \"agencyName\" : \"成都市社会保险事业管理局\",\n    \"status\" : \"ACTIVE\"",
                "\"nodeId\" : \"510100\",\n    \"agencyName\" : \"成都市社会保险事业管理局\",\n    \"status\" : \"SUSPENDED\""), true);
        awaitVersion(v + 1);
        assertThat(directory.peerIds()).containsExactly("440300");
        given().contentType("application/xml").body(Samples.text("reminder.xml"))
                .post("/api/v1/forms/reminder?to=510100&conversationId=C-1").then().statusCode(422)
                .body("violations[0].code", equalTo("UNKNOWN_PEER"));
        try (TestPeer chengdu = BrokerUsersForTests.peer("510100")) {
            SignedMessage letter = chengdu.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("510100-SUSP"),
                    null, ContactLetterXml.write(Samples.letterFrom440300()));
            chengdu.send("320100", letter.bytes());
            await().atMost(WAIT).untilAsserted(() -> asOperator().get("/api/v1/quarantine?messageId="
                    + letter.header().messageId()).then().body("errorCode", hasItem("UNKNOWN_PEER")));
        }

        // a file changed without the authority's signature is refused; the version before stays in use
        publish(v + 2, UnaryOperator.identity(), false);
        await().atMost(WAIT).until(() -> directory.loadError().isPresent());
        assertThat(directory.directory().orElseThrow().version()).isEqualTo(v + 1);
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'directory' }.data.reason", containsString("does not verify"));
        given().get("/api/v1/directory").then().body("version", equalTo((int) v + 1))
                .body("refusedUpdate", containsString("does not verify"));
    }

    @Test
    void shouldAcceptOnlyTheCertificatesTheDirectoryListsForAPeerAndTheNextOneOnceAnnounced() throws Exception {
        // Shenzhen's next key and certificate, issued by the sample CA
        X509Certificate root = PemFiles.readCertificates(CERTS.resolve("root-ca.crt.pem")).get(0);
        var ca = new SamplePkiGenerator.Issued(new KeyPair(root.getPublicKey(),
                PemFiles.readPrivateKey(CERTS.resolve("root-ca.key.pem"))), root);
        var next = SamplePkiGenerator.node(ca, SignatureAlgorithms.SM2_SM3, "440300", "深圳市社会保险基金管理局",
                Instant.now(), Duration.ofDays(30));
        String current = pem(PemFiles.readCertificates(CERTS.resolve("440300/node.crt.pem")).get(0));

        // the next version lists only the next certificate: a message signed with the current one is refused
        long v = next();
        publish(v, text -> text.replace("\"certificates\" : [ \"" + current + "\" ]",
                "\"certificates\" : [ \"" + pem(next.certificate()) + "\" ]"), true);
        awaitVersion(v);
        SignedMessage refused = shenzhen.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("440300-PIN"),
                null, ContactLetterXml.write(Samples.letterFrom440300()));
        shenzhen.send("320100", refused.bytes());
        Envelope error = shenzhen.receive(TestPeer.answering(MessageType.ERROR, refused.header().messageId()), WAIT);
        assertThat(TransportMessages.readError(error.bodyContent()).reason()).contains("does not list");

        // the version after lists both (rollover): the current one is accepted again
        publish(v + 1, text -> text.replace("\"certificates\" : [ \"" + current + "\" ]",
                "\"certificates\" : [ \"" + current + "\", \"" + pem(next.certificate()) + "\" ]"), true);
        awaitVersion(v + 1);
        String caseId = peerOpensCase("440300-ROLLOVER", Samples.letterFrom440300());
        given().get("/api/v1/cases/" + caseId).then().body("peer", equalTo("440300"));
        given().get("/api/v1/directory").then()
                .body("nodes.find { it.nodeId == '440300' }.certificates.size()", equalTo(2));
        given().get("/q/metrics").then().body(containsString("exn_peer_certificate_days_to_expiry{node=\"320100\",peer=\"440300\"}"));
    }

    @Test
    void shouldRefuseAnOlderVersionAfterARestart() throws Exception {
        long v = next();
        publish(v, UnaryOperator.identity(), true);
        awaitVersion(v);

        // the file rolled back to an older, properly signed version, then the node restarts: it must not take it
        publish(v - 1, UnaryOperator.identity(), true);
        await().atMost(WAIT).until(() -> directory.loadError().isPresent());
        assertThatThrownBy(() -> new PeerDirectory(node, config, anchors, store, new SimpleMeterRegistry()))
                .hasMessageContaining("node.directory.file").hasMessageContaining("version " + (v - 1) + " is older than "
                        + "version " + v);

        publish(v + 1, UnaryOperator.identity(), true);
        awaitVersion(v + 1);
        await().atMost(WAIT).until(() -> directory.loadError().isEmpty());
    }

    @Test
    void shouldTakeNoDirectoryWithoutAnAuthorityCertificateUnlessUnsignedIsAllowedForDevelopment() {
        assertThatThrownBy(() -> new PeerDirectory(node, withDirectory(false), anchors, store, new SimpleMeterRegistry()))
                .hasMessageContaining("node.directory.authority-certificate")
                .hasMessageContaining("node.directory.allow-unsigned-for-development");
        PeerDirectory development = new PeerDirectory(node, withDirectory(true), anchors, store, new SimpleMeterRegistry());
        assertThat(development.directory().orElseThrow().signedBy()).isNull();
    }

    /** The node's configuration with no authority certificate and the development switch as given. */
    private DirectoryConfig withDirectory(boolean allowUnsigned) {
        DirectoryConfig.PeerDirectoryFile file = config.directory();
        DirectoryConfig.PeerDirectoryFile unsigned = (DirectoryConfig.PeerDirectoryFile) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DirectoryConfig.PeerDirectoryFile.class}, (proxy, method, args) ->
                        switch (method.getName()) {
                            case "authorityCertificate" -> Optional.empty();
                            case "allowUnsignedForDevelopment" -> allowUnsigned;
                            default -> invoke(method, file, args);
                        });
        return (DirectoryConfig) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DirectoryConfig.class},
                (proxy, method, args) -> method.getName().equals("directory") ? unsigned : invoke(method, config, args));
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
