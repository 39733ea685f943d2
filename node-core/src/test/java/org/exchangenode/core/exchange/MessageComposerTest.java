package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.transport.PayloadCrypto;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/**
 * The digest a composed message carries is taken from the signed tree in memory, not from its bytes parsed again: it
 * must equal what a receiver computes from the bytes (the Receipt states the receiver's; the sender compares it with
 * its own), for every kind of message, an encrypted body and text that serialising escapes.
 */
class MessageComposerTest {
    private static final XsdValidator XSD = new XsdValidator();

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldCarryTheDigestAReceiverComputesFromTheBytes(SignatureAlgorithms suite) {
        TestPki pki = new TestPki(suite);
        NodeCredentials shenzhen = pki.node("440300");
        MessageComposer composer = new MessageComposer(new MessageSigner(pki.node("320100")), XSD);
        int composed = 0;
        for (String form : Samples.VALID_FORMS) {
            Element body = Samples.xml(form).getDocumentElement();
            MessageType type = MessageType.fromWireName(body.getLocalName()).orElseThrow();
            requireReceiverDigest(composer.compose(header(type), body));
            composed++;
        }
        EnvelopeHeader letter = header(MessageType.CONTACT_LETTER);
        requireReceiverDigest(composer.compose(letter, PayloadCrypto.encrypt(
                ContactLetterXml.write(Samples.contactLetter()), shenzhen.certificate(), letter.messageId())));
        String id = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-12-02T08:00:00Z");
        requireReceiverDigest(composer.compose(header(MessageType.RECEIPT), TransportMessages.receipt(id,
                "3q2+7w==", at)));
        requireReceiverDigest(composer.compose(header(MessageType.PING), TransportMessages.ping("n-1", at)));
        requireReceiverDigest(composer.compose(header(MessageType.PONG), TransportMessages.pong(id, "n-1", at)));
        // a reason that serialising must escape: carriage returns, tabs, markup characters, CJK, a supplementary
        // character; the receiver's parser turns an unescaped CR LF into LF, which would change the digest
        requireReceiverDigest(composer.compose(header(MessageType.ERROR), TransportMessages.error(id,
                ErrorCode.FIELD_INVALID, "line one\r\nline two\rtab\there <&> \"quoted\" '单引号' 转移接续 \uD840\uDC0B")));
        assertThat(composed).isEqualTo(Samples.VALID_FORMS.size());
    }

    private static EnvelopeHeader header(MessageType type) {
        return EnvelopeHeader.create(type, "320100", "440300", "C-1", type.business() ? null
                : UUID.randomUUID().toString());
    }

    private static void requireReceiverDigest(SignedMessage message) {
        String received = TransportMessages.canonicalDigest(SecureXml.parse(message.bytes(), 1 << 20));
        assertThat(message.contentDigest()).as(message.header().type().wireName()).isEqualTo(received);
    }
}
