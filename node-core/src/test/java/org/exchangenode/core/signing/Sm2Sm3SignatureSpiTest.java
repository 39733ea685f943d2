package org.exchangenode.core.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.exchangenode.core.pki.SamplePkiGenerator;
import org.junit.jupiter.api.Test;

/** The per-thread signer reuse must never let one signature carry input of another. */
class Sm2Sm3SignatureSpiTest {
    private final KeyPair keys = SamplePkiGenerator.keyPair(SignatureAlgorithms.SM2_SM3);

    private byte[] sign(byte[] data) throws Exception {
        Sm2Sm3SignatureSpi spi = new Sm2Sm3SignatureSpi();
        spi.engineInitSign(keys.getPrivate());
        spi.engineUpdate(data);
        return spi.engineSign();
    }

    private boolean verifies(byte[] data, byte[] value) throws Exception {
        Signature verifier = Signature.getInstance("SM3withSM2", CryptoProviders.bc());
        verifier.setParameter(new SM2ParameterSpec(Sm2Sm3SignatureSpi.DEFAULT_SIGNER_ID));
        verifier.initVerify(keys.getPublic());
        verifier.update(data);
        return verifier.verify(value);
    }

    @Test
    void shouldProduceIndependentValidSignaturesWhenOneThreadSignsRepeatedly() throws Exception {
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);

        byte[] a = sign(first);
        byte[] b = sign(second);

        assertThat(verifies(first, a)).isTrue();
        assertThat(verifies(second, b)).isTrue();
        assertThat(verifies(second, a)).isFalse();
    }

    @Test
    void shouldNotCarryInputOverWhenAPreviousSigningWasAbandoned() throws Exception {
        Sm2Sm3SignatureSpi abandoned = new Sm2Sm3SignatureSpi();
        abandoned.engineInitSign(keys.getPrivate());
        abandoned.engineUpdate("half-way".getBytes(StandardCharsets.UTF_8));

        byte[] data = "the real message".getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(data, sign(data))).isTrue();
    }
}
