package org.exchangenode.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CRLs of the trust anchors: verified before use, and a revoked signer refused with its own code. */
class RevocationsTest {
    private final TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
    @TempDir
    Path dir;

    private void write(String name, java.security.cert.X509CRL crl) throws Exception {
        Files.write(dir.resolve(name), crl.getEncoded());
    }

    @Test
    void shouldRefuseARevokedSignerWithItsOwnCodeOnceTheCrlIsLoaded() throws Exception {
        NodeCredentials node = pki.node("440300");
        AtomicReference<Revocations> current = new AtomicReference<>(Revocations.NONE);
        CertificateChecker checker = new CertificateChecker(pki.anchors(), current::get);
        checker.check(node.chain(), Instant.now(), "440300");

        Instant revokedAt = Instant.now().minus(Duration.ofMinutes(10));
        write("root.crl", SamplePkiGenerator.crl(pki.root, List.of(node.certificate().getSerialNumber()), revokedAt,
                revokedAt, Instant.now().plus(Duration.ofDays(7))));
        current.set(Revocations.load(dir, pki.anchors()));

        assertThatThrownBy(() -> checker.check(node.chain(), Instant.now(), "440300"))
                .isInstanceOfSatisfying(ExchangeException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_REVOKED);
                    assertThat(e.getMessage()).contains("serial " + node.certificate().getSerialNumber().toString(16))
                            .contains("KEY_COMPROMISE");
                });
        // a message claiming to be signed before the revocation is refused too: a stolen key can claim any time
        assertThatThrownBy(() -> checker.check(node.chain(), revokedAt.minus(Duration.ofMinutes(20)), "440300"))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_REVOKED));
        checker.check(pki.node("320100").chain(), Instant.now(), "320100");
        assertThat(current.get().summaries()).singleElement().satisfies(s -> assertThat(s.revoked()).isEqualTo(1));
    }

    @Test
    void shouldKeepTheNewerCrlWhenTheDirectoryHoldsAnOlderOneOrNone() throws Exception {
        NodeCredentials node = pki.node("440300");
        Instant now = Instant.now();
        java.security.cert.X509CRL newer = SamplePkiGenerator.crl(pki.root, List.of(node.certificate().getSerialNumber()),
                now.minusSeconds(60), now.minusSeconds(60), now.plus(Duration.ofDays(7)));
        write("root.crl", SamplePkiGenerator.crl(pki.root, List.of(), now, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(6))));

        Revocations.Merged rolledBack = Revocations.load(dir, pki.anchors()).merge(List.of(newer.getEncoded()), pki.anchors());
        assertThat(rolledBack.revocations().check(node.certificate(), now)).isPresent();
        assertThat(rolledBack.refused()).singleElement().asString().contains("is older than the one seen before");
        assertThat(rolledBack.newer()).isEmpty();

        Files.delete(dir.resolve("root.crl"));
        Revocations.Merged deleted = Revocations.load(dir, pki.anchors()).merge(List.of(newer.getEncoded()), pki.anchors());
        assertThat(deleted.revocations().check(node.certificate(), now)).isPresent();
        assertThat(deleted.keptOnly()).singleElement().asString().contains("CN=");

        write("root.crl", newer);
        Revocations.Merged first = Revocations.load(dir, pki.anchors()).merge(List.of(), pki.anchors());
        assertThat(first.newer()).containsExactly(newer);
        assertThat(first.revocations().missingFor(pki.anchors())).isEmpty();
        assertThat(Revocations.NONE.missingFor(pki.anchors())).hasSize(1);
    }

    @Test
    void shouldNotRevokeBeforeTheRevocationDate() throws Exception {
        NodeCredentials node = pki.node("440300");
        Instant later = Instant.now().plus(Duration.ofDays(2));
        write("root.crl", SamplePkiGenerator.crl(pki.root, List.of(node.certificate().getSerialNumber()), later,
                Instant.now(), later.plus(Duration.ofDays(7))));
        assertThat(Revocations.load(dir, pki.anchors()).check(node.certificate(), Instant.now())).isEmpty();
    }

    @Test
    void shouldRefuseACrlFromAnotherCaOrWithABrokenSignature() throws Exception {
        TestPki other = new TestPki(SignatureAlgorithms.SM2_SM3);
        write("other.crl", SamplePkiGenerator.crl(other.root, List.of(), Instant.now(), Instant.now(),
                Instant.now().plus(Duration.ofDays(7))));
        // another CA, even one of the same name, cannot revoke this network's certificates
        assertThatThrownBy(() -> Revocations.load(dir, pki.anchors()))
                .hasMessageContaining("other.crl").hasMessageContaining("signature does not verify");

        Files.delete(dir.resolve("other.crl"));
        byte[] crl = SamplePkiGenerator.crl(pki.root, List.of(), Instant.now(), Instant.now(),
                Instant.now().plus(Duration.ofDays(7))).getEncoded();
        crl[crl.length - 5] ^= 1;
        Files.write(dir.resolve("root.crl"), crl);
        assertThatThrownBy(() -> Revocations.load(dir, pki.anchors())).hasMessageContaining("root.crl");
    }
}
