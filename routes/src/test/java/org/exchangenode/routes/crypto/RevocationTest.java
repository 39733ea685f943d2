package org.exchangenode.routes.crypto;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.exchangenode.routes.ApiUserForTests.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.pki.PemFiles;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.TestWireClock;
import org.exchangenode.testsupport.peer.TestPeer;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The sample CA revokes node 510100's certificate: once the CRL is in node.trust.crls, a message 510100 signs is
 * refused with CERTIFICATE_REVOKED (quarantined, not answered: its signature proves nothing); a broken CRL keeps the
 * one before; a deleted or older CRL never takes revocation back; readiness is DOWN without a current CRL. The newest
 * CRL is kept in the database, so this class runs on a database and a CRL directory of its own.
 */
@QuarkusTest
@TestProfile(RevocationTest.OwnCrls.class)
class RevocationTest {
    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final Path CRLS = Path.of("target/test-crls-" + RUN);
    private static final Path CERTS = Path.of("../certs-sample");
    @Inject
    RevocationLists crls;
    @Inject
    @WireClock
    TestWireClock wireClock;

    /** A fresh database (the CRLs seen are kept there) and CRL directory; the CRL directory starts empty. */
    public static class OwnCrls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(CRLS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("node.trust.crls", CRLS.toString(), "node.trust.crl-check-interval", "PT0.3S",
                    "node.data-dir", "target/test-data-crls-" + RUN, "node.metrics.sample-interval", "PT0.3S");
        }
    }

    private static SamplePkiGenerator.Issued sampleRoot() {
        X509Certificate root = PemFiles.readCertificates(CERTS.resolve("root-ca.crt.pem")).get(0);
        return new SamplePkiGenerator.Issued(new KeyPair(root.getPublicKey(),
                PemFiles.readPrivateKey(CERTS.resolve("root-ca.key.pem"))), root);
    }

    @Test
    void shouldRefuseAMessageSignedWithARevokedCertificateOnceTheCrlIsThere() throws Exception {
        X509Certificate chengdu = PemFiles.readCertificates(CERTS.resolve("510100/node.crt.pem")).get(0);
        Instant now = Instant.now();
        byte[] crl = SamplePkiGenerator.crl(sampleRoot(), List.of(chengdu.getSerialNumber()), now.minusSeconds(60),
                now.minusSeconds(60), now.plus(Duration.ofDays(7))).getEncoded();
        Files.write(CRLS.resolve("root.crl"), crl);
        await().atMost(Duration.ofSeconds(10)).until(() -> !crls.current().summaries().isEmpty());

        try (TestPeer peer = BrokerUsersForTests.peer("510100")) {
            var letter = Samples.letterFrom440300();
            SignedMessage message = peer.compose(MessageType.CONTACT_LETTER, "320100", Samples.caseId("510100-REVOKED"),
                    null, ContactLetterXml.write(letter));
            peer.send("320100", message.bytes());

            // a revoked key may be in anyone's hands: what it signed is quarantined, not answered
            await().atMost(PeerTestSupport.WAIT).untilAsserted(() -> asOperator()
                    .get("/api/v1/quarantine?messageId=" + message.header().messageId()).then()
                    .body("errorCode", hasItem("CERTIFICATE_REVOKED"))
                    .body("[0].errorMessageId", nullValue()));
        }

        // a CRL that does not verify is refused; the one read before stays, and health says why
        byte[] broken = crl.clone();
        broken[broken.length - 5] ^= 1;
        Files.write(CRLS.resolve("root.crl"), broken);
        await().atMost(Duration.ofSeconds(10)).until(() -> crls.loadError().isPresent());
        assertThat(crls.current().summaries()).hasSize(1);
        given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'trust' }.data.reason", containsString("root.crl"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Files.write(CRLS.resolve("root.crl"), crl);
        await().atMost(Duration.ofSeconds(10)).until(() -> crls.loadError().isEmpty());
    }

    @Test
    void shouldKeepTheNewestCrlWhenItsFileIsRolledBackOrDeleted() throws Exception {
        X509Certificate chengdu = PemFiles.readCertificates(CERTS.resolve("510100/node.crt.pem")).get(0);
        Instant now = Instant.now();
        byte[] revoking = SamplePkiGenerator.crl(sampleRoot(), List.of(chengdu.getSerialNumber()), now.minusSeconds(30),
                now, now.plus(Duration.ofDays(7))).getEncoded();
        byte[] older = SamplePkiGenerator.crl(sampleRoot(), List.of(), now.minusSeconds(30), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(6))).getEncoded();
        Files.write(CRLS.resolve("root.crl"), revoking);
        await().atMost(Duration.ofSeconds(10)).until(() -> crls.current().check(chengdu, Instant.now()).isPresent());

        // rolled back to an older CRL of the same CA (which does not list 510100): refused, the newer one stays
        Files.write(CRLS.resolve("root.crl"), older);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/well").then().statusCode(503)
                .body("checks.find { it.name == 'trust' }.data.reason", containsString("older than the one seen before")));
        assertThat(crls.current().check(chengdu, Instant.now())).isPresent();

        // the file deleted: the newest CRL seen stays in use
        Files.delete(CRLS.resolve("root.crl"));
        crls.reloadIfChanged();
        assertThat(crls.current().check(chengdu, Instant.now())).isPresent();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldExportWhenTheLoadedCrlIsDueToBeReplaced() throws Exception {
        Instant now = Instant.now();
        Instant nextUpdate = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        Files.write(CRLS.resolve("root.crl"), SamplePkiGenerator.crl(sampleRoot(), List.of(),
                now.minusSeconds(30), now, nextUpdate).getEncoded());

        // one series per CA, named by the CA's distinguished name, valued in Unix seconds for time()-based alerts
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(given().get("/q/metrics").then()
                .extract().asString()).containsPattern("(?m)^exn_crl_next_update_timestamp_seconds\\{issuer=\"[^\"]*Sample Root"
                        + "[^\"]*\",node=\"320100\"} "
                        + Pattern.quote(Double.toString(nextUpdate.getEpochSecond())) + "$"));
    }

    @Test
    void shouldNotBeReadyWhenTheCrlIsPastItsNextUpdate() throws Exception {
        X509Certificate chengdu = PemFiles.readCertificates(CERTS.resolve("510100/node.crt.pem")).get(0);
        Instant now = Instant.now();
        Files.write(CRLS.resolve("root.crl"), SamplePkiGenerator.crl(sampleRoot(), List.of(chengdu.getSerialNumber()),
                now.minusSeconds(30), now, now.plus(Duration.ofDays(7))).getEncoded());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        wireClock.advance(Duration.ofDays(8));
        try {
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'crls' }.data.reason", containsString("stale"))
                    .body("checks.find { it.name == 'crls' }.data.reason", containsString("Sample Root"));
        } finally {
            wireClock.reset();
        }
    }
}
