package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Base64;
import java.util.UUID;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
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
 * its own), for every kind of message, an encrypted body and text that serialising escapes. The bytes are the tree's
 * canonical form, and the digest the audit entry keeps is taken from them once.
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

    @ParameterizedTest
    @EnumSource(SignatureAlgorithms.class)
    void shouldComposeReceiptsThatPassTheSchemaWithoutValidatingThem(SignatureAlgorithms suite) {
        TestPki pki = new TestPki(suite);
        Replies shenzhen = new Replies(new MessageComposer(new MessageSigner(pki.node("440300")), XSD),
                Clock.fixed(Instant.parse("2026-12-31T23:59:59.999Z"), ZoneOffset.UTC));
        // received headers at the edges of the schema's types: the longest conversation id (64 characters), every
        // allowed character, a nine-digit agency node
        String longest = "a" + "0123456789-_.".repeat(4) + "0123456789A";
        assertThat(longest).hasSize(64);
        for (String conversation : List.of("C-1", longest, "Z")) {
            for (String from : List.of("320100", "320100001")) {
                EnvelopeHeader received = EnvelopeHeader.create(MessageType.CONTACT_LETTER, from, "440300",
                        conversation, null);
                SignedMessage receipt = shenzhen.receipt(received, "3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w0=");
                assertThat(XSD.validate(SecureXml.parse(receipt.bytes(), 1 << 20))).as(conversation + " " + from)
                        .isEmpty();
                requireReceiverDigest(receipt);
            }
        }
        MessageComposer composer = new MessageComposer(new MessageSigner(pki.node("440300")), XSD);
        assertThatThrownBy(() -> composer.composeReceipt(header(MessageType.PONG), TransportMessages.pong(
                UUID.randomUUID().toString(), "n-1", Instant.now()))).isInstanceOf(ExchangeException.class);
        Element foreign = SecureXml.newDocument().createElementNS("urn:example:other", "o:Receipt");
        assertThatThrownBy(() -> composer.composeReceipt(header(MessageType.RECEIPT), foreign))
                .as("a Receipt of another namespace").isInstanceOf(ExchangeException.class);
    }

    /**
     * The receiver's digest of the bytes is the one the message carries. A transport message's bytes are their own
     * canonical form (so a receiver's canonical form of them is the same bytes) and the digest kept for the audit
     * entry is theirs; a form's bytes are serialised (their canonical form would be larger) and leave their digest to
     * the audit log.
     */
    private static void requireReceiverDigest(SignedMessage message) {
        String type = message.header().type().wireName();
        byte[] canonical = TransportMessages.canonicalBytes(SecureXml.parse(message.bytes(), 1 << 20));
        assertThat(message.contentDigest()).as(type)
                .isEqualTo(Base64.getEncoder().encodeToString(TransportMessages.sm3(canonical)));
        if (message.header().type().business()) {
            assertThat(message.bytesDigest()).as(type).isNull();
            assertThat(message.bytes().length).as(type).isLessThan(canonical.length);
        } else {
            assertThat(message.bytes()).as(type).isEqualTo(canonical);
            assertThat(message.bytesDigest()).as(type).isEqualTo(AuditChain.sm3Hex(message.bytes()));
        }
    }
}
