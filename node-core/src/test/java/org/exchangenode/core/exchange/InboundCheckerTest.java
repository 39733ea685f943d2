package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.exchangenode.core.Samples;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.audit.AuditChain;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.transport.ReceiptContent;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.SecureXml;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class InboundCheckerTest {
    private static final XsdValidator XSD = new XsdValidator();
    private final TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
    private final MessageComposer nanjing = new MessageComposer(new MessageSigner(pki.node("320100")), XSD);
    private final InboundChecker shenzhen = new InboundChecker("440300", () -> Set.of("320100", "510100"), XSD,
            new MessageVerifier(pki.anchors()), 1 << 20, Clock.systemUTC());

    private SignedMessage letter(String to) {
        return nanjing.compose(EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", to, "320100-C-1", null),
                ContactLetterXml.write(Samples.contactLetter()));
    }

    @Test
    void shouldAcceptASignedLetterWhenEveryCheckPasses() {
        SignedMessage message = letter("440300");

        InboundResult result = shenzhen.check(message.bytes());

        assertThat(result).isInstanceOf(InboundResult.Accepted.class);
        assertThat(((InboundResult.Accepted) result).envelope().header().messageId()).isEqualTo(message.header().messageId());
    }

    @Test
    void shouldKeepTheDigestOfTheBytesOnlyWhenTheyAreTheirOwnCanonicalForm() {
        // a Receipt's bytes are its canonical form, a letter's are serialised
        SignedMessage letter = letter("440300");
        SignedMessage receipt = nanjing.compose(EnvelopeHeader.create(MessageType.RECEIPT, "320100", "440300",
                "320100-C-1", letter.header().messageId()), TransportMessages.receipt(letter.header().messageId(),
                letter.contentDigest(), java.time.Instant.now()));

        InboundResult.Accepted canonical = (InboundResult.Accepted) shenzhen.check(receipt.bytes());
        InboundResult.Accepted serialised = (InboundResult.Accepted) shenzhen.check(letter.bytes());

        assertThat(canonical.bytesDigest()).isEqualTo(AuditChain.sm3Hex(receipt.bytes()));
        assertThat(canonical.contentDigest()).isEqualTo(receipt.contentDigest());
        assertThat(serialised.bytesDigest()).as("not the digest of these bytes: the audit log takes theirs").isNull();
        assertThat(serialised.contentDigest()).isEqualTo(letter.contentDigest());
    }

    @Test
    void shouldRejectWithTheClaimedSenderWhenTheBodyWasTampered() {
        SignedMessage message = letter("440300");
        byte[] tampered = new String(message.bytes(), StandardCharsets.UTF_8).replace("张伟", "张三")
                .getBytes(StandardCharsets.UTF_8);

        InboundResult result = shenzhen.check(tampered);

        assertThat(result).isInstanceOfSatisfying(InboundResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
            assertThat(r.messageId()).isEqualTo(message.header().messageId());
            assertThat(r.claimedSender()).isEqualTo("320100");
            assertThat(r.type()).isEqualTo("ContactLetter");
        });
    }

    @Test
    void shouldRejectAsWrongRecipientWhenAddressedToAnotherNode() {
        assertThat(shenzhen.check(letter("510100").bytes())).isInstanceOfSatisfying(InboundResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.WRONG_RECIPIENT));
    }

    @Test
    void shouldRejectAsSchemaInvalidWhenTheBodyBreaksTheXsd() {
        byte[] bad = new String(letter("440300").bytes(), StandardCharsets.UTF_8)
                .replace("<cl:TransferType>01</cl:TransferType>", "<cl:TransferType>09</cl:TransferType>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(shenzhen.check(bad)).isInstanceOfSatisfying(InboundResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
            assertThat(r.reason()).contains("/Message/Body/ContactLetter/TransferType");
            assertThat(r.signatureVerified()).as("changed after signing: nobody is proven to have sent it").isFalse();
        });
    }

    @Test
    void shouldKnowTheSenderOfASchemaInvalidLetterItsPeerSignedSoThatThePeerHearsWhy() {
        // a peer whose software signs a form its schema refuses (no composer would: it validates before signing)
        Element body = ContactLetterXml.write(Samples.contactLetter());
        body.getElementsByTagNameNS("*", "TransferType").item(0).setTextContent("09");
        Envelope envelope = EnvelopeCodec.build(EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300",
                "320100-C-1", null), body);
        new MessageSigner(pki.node("320100")).sign(envelope);

        assertThat(shenzhen.check(SecureXml.toBytes(envelope.document())))
                .isInstanceOfSatisfying(InboundResult.Rejected.class, r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.SCHEMA_INVALID);
                    assertThat(r.signatureVerified()).isTrue();
                    assertThat(r.claimedSender()).isEqualTo("320100");
                });
    }

    @Test
    void shouldRejectAsMalformedWithoutIdentityWhenTheBytesAreNotXml() {
        assertThat(shenzhen.check("not xml".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(InboundResult.Rejected.class, r -> {
                    assertThat(r.code()).isEqualTo(ErrorCode.MALFORMED_XML);
                    assertThat(r.messageId()).isNull();
                });
    }

    @Test
    void shouldRejectAsUnknownPeerWhenTheSenderIsNotInTheDirectory() {
        InboundChecker strict = new InboundChecker("440300", Set::of, XSD, new MessageVerifier(pki.anchors()), 1 << 20,
                Clock.systemUTC());
        assertThat(strict.check(letter("440300").bytes())).isInstanceOfSatisfying(InboundResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.UNKNOWN_PEER));
    }

    @Test
    void shouldStateTheDigestOfWhatWasStoredWhenReceipting() {
        SignedMessage message = letter("440300");
        InboundResult.Accepted accepted = (InboundResult.Accepted) shenzhen.check(message.bytes());

        ReceiptContent receipt = TransportMessages.readReceipt(
                TransportMessages.receipt(accepted.envelope(), java.time.Instant.now()));

        assertThat(receipt.receivedMessageId()).isEqualTo(message.header().messageId());
        assertThat(receipt.digestValue()).isEqualTo(
                TransportMessages.canonicalDigest(EnvelopeCodec.parse(message.bytes(), 1 << 20).document()));
    }

    @Test
    void shouldAcceptAnInformationFormWhoseAmountsAddUp() {
        SignedMessage form = nanjing.compose(EnvelopeHeader.create(MessageType.INFO_FORM, "320100", "440300",
                "320100-C-1", null), Samples.xml("info-form.xml").getDocumentElement());

        assertThat(shenzhen.check(form.bytes())).isInstanceOf(InboundResult.Accepted.class);
    }

    @Test
    void shouldCarryWhatTheFormSaysOfItsPersonAndAmountsWhenItAcceptsIt() {
        SignedMessage form = nanjing.compose(EnvelopeHeader.create(MessageType.INFO_FORM, "320100", "440300",
                "320100-C-1", null), Samples.xml("info-form.xml").getDocumentElement());

        InboundResult.Accepted info = (InboundResult.Accepted) shenzhen.check(form.bytes());
        InboundResult.Accepted letter = (InboundResult.Accepted) shenzhen.check(letter("440300").bytes());

        assertThat(info.facts().personIdNumber()).isEqualTo("510104198805121377");
        assertThat(info.facts().infoTotal()).isEqualByComparingTo("52598.90");
        assertThat(letter.facts()).isEqualTo(FormFacts.of(Samples.contactLetter()));
    }

    @Test
    void shouldRejectAnInformationFormThatIsOffByAFenNamingTheField() {
        SignedMessage form = nanjing.compose(EnvelopeHeader.create(MessageType.INFO_FORM, "320100", "440300",
                "320100-C-1", null), Samples.xml("invalid/info-form-sum-off-by-a-fen.xml")
                .getDocumentElement());

        assertThat(shenzhen.check(form.bytes())).isInstanceOfSatisfying(InboundResult.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo(ErrorCode.FIELD_INVALID);
            assertThat(r.reason()).contains("/InfoForm/Amounts/IndividualAccountTotal");
        });
    }

    /** Unsigned junk: a header claiming a peer, then a body nested {@code depth} deep (7 bytes a level). */
    static byte[] deepJunk(String from, String to, int depth) {
        return ("<env:Message xmlns:env=\"urn:exchangenode:envelope:1\"><env:Header>"
                + "<env:MessageId>" + java.util.UUID.randomUUID() + "</env:MessageId><env:ConversationId>C-1</env:ConversationId>"
                + "<env:Type>ContactLetter</env:Type><env:From>" + from + "</env:From><env:To>" + to + "</env:To>"
                + "<env:CreatedAt>2026-01-05T08:00:00Z</env:CreatedAt><env:SchemaVersion>1.0</env:SchemaVersion>"
                + "</env:Header><env:Body>" + "<x>".repeat(depth) + "</x>".repeat(depth) + "</env:Body></env:Message>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRefuseUnsignedJunkInMillisecondsWhenItNestsDeepUnderTheSizeLimit() {
        byte[] junk = deepJunk("320100", "440300", 100_000);
        assertThat(junk.length).isLessThan(1 << 20);

        long start = System.nanoTime();
        InboundResult result = shenzhen.check(junk);
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("InboundChecker: " + junk.length + " bytes nested 100000 deep refused in " + millis + " ms");
        assertThat(result).isInstanceOfSatisfying(InboundResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_COMPLEX));
        assertThat(millis).isLessThan(2000);
    }
}
