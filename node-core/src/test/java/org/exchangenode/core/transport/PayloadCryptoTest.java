package org.exchangenode.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/** Payload encryption: no personal data in the signed bytes, decrypted only by the receiver, bound to the message. */
class PayloadCryptoTest {
    private static final XsdValidator XSD = new XsdValidator();

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldSignTheEncryptedBodyAndDecryptItOnlyForTheReceiver(SignatureAlgorithms suite) {
        TestPki pki = new TestPki(suite);
        NodeCredentials nanjing = pki.node("320100");
        NodeCredentials shenzhen = pki.node("440300");
        Element letter = ContactLetterXml.write(Samples.contactLetter());
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300", "C-1", null);

        Element encrypted = PayloadCrypto.encrypt(letter, shenzhen.certificate(), header.messageId());
        SignedMessage message = new MessageComposer(new MessageSigner(nanjing), XSD).compose(header, encrypted);

        String wire = new String(message.bytes(), StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain(Samples.contactLetter().person().idNumber()).doesNotContain("张伟")
                .contains(suite == SignatureAlgorithms.SM2_SM3 ? "SM4-GCM/SM2" : "AES-256-GCM/ECDH-P256");
        var envelope = EnvelopeCodec.parse(message.bytes(), 1 << 20);
        new MessageVerifier(pki.anchors()).verify(envelope, Instant.now());

        Element form = PayloadCrypto.decrypt(envelope.bodyContent(), shenzhen.privateKey(),
                shenzhen.certificate().getSerialNumber().toString(16), header.messageId(), 1 << 20);
        assertThat(ContactLetterXml.read(form)).isEqualTo(Samples.contactLetter());

        // another node's key, another message's id: refused
        assertThatThrownBy(() -> PayloadCrypto.decrypt(envelope.bodyContent(), nanjing.privateKey(),
                shenzhen.certificate().getSerialNumber().toString(16), header.messageId(), 1 << 20))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
        assertThatThrownBy(() -> PayloadCrypto.decrypt(envelope.bodyContent(), shenzhen.privateKey(),
                shenzhen.certificate().getSerialNumber().toString(16), UUID.randomUUID().toString(), 1 << 20))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
        assertThatThrownBy(() -> PayloadCrypto.decrypt(envelope.bodyContent(), shenzhen.privateKey(), "abc",
                header.messageId(), 1 << 20)).hasMessageContaining("encrypted for certificate serial");
    }

    @Test
    void shouldRecogniseAnEncryptedBody() {
        TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
        Element letter = ContactLetterXml.write(Samples.contactLetter());
        assertThat(PayloadCrypto.isEncrypted(letter)).isFalse();
        assertThat(PayloadCrypto.isEncrypted(PayloadCrypto.encrypt(letter, pki.node("440300").certificate(), "m"))).isTrue();
    }

    @Test
    void shouldOpenABodyEncryptedForTheNextCertificateWhenTheNodeHoldsItsNextKey() {
        TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
        NodeCredentials current = pki.node("320100");
        NodeCredentials next = pki.node("320100");
        Element letter = ContactLetterXml.write(Samples.contactLetter());
        Element forNext = PayloadCrypto.encrypt(letter, next.certificate(), "m-1");

        assertThat(ContactLetterXml.read(PayloadCrypto.decrypt(forNext, java.util.List.of(current, next), "m-1", 1 << 20)))
                .isEqualTo(Samples.contactLetter());
        assertThatThrownBy(() -> PayloadCrypto.decrypt(forNext, java.util.List.of(current), "m-1", 1 << 20))
                .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
    }
}
