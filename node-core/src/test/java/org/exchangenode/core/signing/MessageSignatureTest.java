package org.exchangenode.core.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.xml.SecureXml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Golden and tampered messages for both signature suites. */
class MessageSignatureTest {

    private static byte[] signed(NodeCredentials credentials, String from, String to) {
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.CONTACT_LETTER, from, to, "320100-CASE-1", null);
        Envelope envelope = EnvelopeCodec.build(header, ContactLetterXml.write(Samples.contactLetter()));
        new MessageSigner(credentials).sign(envelope);
        return SecureXml.toBytes(envelope.document());
    }

    private static VerifiedSignature verify(TestPki pki, byte[] bytes) {
        return new MessageVerifier(pki.anchors()).verify(EnvelopeCodec.parse(bytes, 1 << 20), Instant.now());
    }

    private static ErrorCode failure(TestPki pki, byte[] bytes) {
        try {
            verify(pki, bytes);
        } catch (ExchangeException e) {
            return e.code();
        }
        throw new AssertionError("verification should have failed");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldVerifyWithOnlyTheMessageAndTheAnchorsWhenUntouched(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        byte[] bytes = signed(pki.node("320100"), "320100", "440300");

        VerifiedSignature verified = verify(pki, bytes);

        assertThat(verified.algorithm()).isEqualTo(algorithm);
        assertThat(CertificateChecker.nodeIdOf(verified.signer())).isEqualTo("320100");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Algorithm=\"" + algorithm.signatureUri() + "\"");
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectAsAlteredWhenOneBodyCharacterChanged(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        String xml = new String(signed(pki.node("320100"), "320100", "440300"), StandardCharsets.UTF_8);
        byte[] tampered = xml.replace("4301010509001234567", "4301010509009999999").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verify(pki, tampered)).isInstanceOf(ExchangeException.class)
                .hasMessageContaining("altered");
        assertThat(failure(pki, tampered)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectAsSenderMismatchWhenAnotherNodeSignsInTheNameOfFrom(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        byte[] forged = signed(pki.node("510100"), "320100", "440300");

        assertThat(failure(pki, forged)).isEqualTo(ErrorCode.SENDER_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectAsUntrustedWhenTheSignerChainsToAnotherRoot(SignatureAlgorithms algorithm) {
        TestPki trusted = new TestPki(algorithm);
        TestPki rogue = new TestPki(algorithm);
        byte[] bytes = signed(rogue.node("320100"), "320100", "440300");

        assertThat(failure(trusted, bytes)).isEqualTo(ErrorCode.CERTIFICATE_UNTRUSTED);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectAsNotValidWhenTheCertificateExpiredBeforeSigning(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        NodeCredentials expired = pki.node("320100", Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(2));
        byte[] bytes = signed(expired, "320100", "440300");

        assertThat(failure(pki, bytes)).isEqualTo(ErrorCode.CERTIFICATE_NOT_VALID);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectWhenTheSignatureIsRemoved(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        String xml = new String(signed(pki.node("320100"), "320100", "440300"), StandardCharsets.UTF_8);
        String unsigned = xml.substring(0, xml.indexOf("<ds:Signature")) + "</env:Message>";

        assertThat(failure(pki, unsigned.getBytes(StandardCharsets.UTF_8))).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectWhenTheSignatureValueIsCorrupted(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        String xml = new String(signed(pki.node("320100"), "320100", "440300"), StandardCharsets.UTF_8);
        int start = xml.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length();
        char c = xml.charAt(start + 10);
        String corrupted = xml.substring(0, start + 10) + (c == 'A' ? 'B' : 'A') + xml.substring(start + 11);

        assertThat(failure(pki, corrupted.getBytes(StandardCharsets.UTF_8))).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldRejectWhenTheCreationTimeIsFarInTheFuture(SignatureAlgorithms algorithm) {
        TestPki pki = new TestPki(algorithm);
        NodeCredentials credentials = pki.node("320100");
        EnvelopeHeader header = new EnvelopeHeader("6f1c2d7e-0000-4000-8000-000000000001", "C1", null,
                MessageType.CONTACT_LETTER, "320100", "440300", Instant.now().plus(Duration.ofDays(1)), "1.0");
        Envelope envelope = EnvelopeCodec.build(header, ContactLetterXml.write(Samples.contactLetter()));
        new MessageSigner(credentials).sign(envelope);

        assertThat(failure(pki, SecureXml.toBytes(envelope.document()))).isEqualTo(ErrorCode.CLOCK_SKEW);
    }
}
