package org.exchangenode.core.signing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.junit.jupiter.api.Test;

/** The checker caches validated chains; the cache must never widen what it accepts. */
class CertificateCheckerTest {
    private final TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
    private final CertificateChecker checker = new CertificateChecker(pki.anchors());

    @Test
    void shouldRefuseASigningTimeOutsideTheCertificateWhenTheChainWasValidatedBefore() {
        NodeCredentials node = pki.node("320100", Instant.now(), Duration.ofDays(10));
        checker.check(node.chain(), Instant.now(), "320100");

        assertThatThrownBy(() -> checker.check(node.chain(), Instant.now().plus(Duration.ofDays(20)), "320100"))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_NOT_VALID));
    }

    @Test
    void shouldStillCheckTheSenderWhenTheChainWasValidatedBefore() {
        NodeCredentials node = pki.node("320100");
        checker.check(node.chain(), Instant.now(), "320100");

        assertThatThrownBy(() -> checker.check(node.chain(), Instant.now(), "440300"))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.SENDER_MISMATCH));
    }

    @Test
    void shouldRefuseAnotherRootsChainWhenATrustedChainForTheSameNodeIsCached() {
        checker.check(pki.node("320100").chain(), Instant.now(), "320100");
        NodeCredentials rogue = new TestPki(SignatureAlgorithms.SM2_SM3).node("320100");

        assertThatThrownBy(() -> checker.check(rogue.chain(), Instant.now(), "320100"))
                .isInstanceOfSatisfying(ExchangeException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_UNTRUSTED));
        assertThatCode(() -> checker.check(pki.node("320100").chain(), Instant.now(), "320100")).doesNotThrowAnyException();
    }
}
