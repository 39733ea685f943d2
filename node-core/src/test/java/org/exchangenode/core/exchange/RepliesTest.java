package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.exchangenode.core.TestPki;
import org.exchangenode.core.envelope.Envelope;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.signing.MessageSigner;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.SignatureAlgorithms;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.ReceiptContent;
import org.exchangenode.core.transport.TransportMessages;
import org.exchangenode.core.xml.XsdValidator;
import org.junit.jupiter.api.Test;

/** Shenzhen (440300) answers Nanjing (320100); Chengdu (510100) is no peer of Shenzhen's here. */
class RepliesTest {
    private static final XsdValidator XSD = new XsdValidator();
    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final Predicate<String> PEERS = Set.of("320100")::contains;
    private final TestPki pki = new TestPki(SignatureAlgorithms.SM2_SM3);
    private final Replies shenzhen = new Replies(new MessageComposer(new MessageSigner(pki.node("440300")), XSD),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final String id = UUID.randomUUID().toString();

    private InboundResult.Rejected rejected(String messageId, String conversationId, String sender, MessageType type,
                                            boolean verified) {
        return new InboundResult.Rejected(messageId, conversationId, sender, type == null ? null : type.wireName(),
                ErrorCode.FIELD_INVALID, "/InfoForm/Amounts/Total SUM_MISMATCH", verified);
    }

    private Envelope verified(SignedMessage message) {
        Envelope envelope = EnvelopeCodec.parse(message.bytes(), 1 << 20);
        new MessageVerifier(pki.anchors()).verify(envelope, envelope.header().createdAt());
        return envelope;
    }

    // --- loop prevention and no reflection

    @Test
    void shouldAnswerAVerifiedFormFromAPeer() {
        assertThat(Replies.withheld(rejected(id, "C-1", "320100", MessageType.INFO_FORM, true), PEERS)).isEmpty();
    }

    @Test
    void shouldWithholdTheErrorWhenTheSignatureWasNotVerified() {
        assertThat(Replies.withheld(rejected(id, "C-1", "320100", MessageType.INFO_FORM, false), PEERS))
                .contains("the signature was not verified, so the claimed sender may not have sent it");
    }

    @Test
    void shouldWithholdTheErrorWhenTheSenderIsNoPeerOrUnknown() {
        assertThat(Replies.withheld(rejected(id, "C-1", "510100", MessageType.INFO_FORM, true), PEERS))
                .contains("the sender is not a peer");
        assertThat(Replies.withheld(rejected(id, "C-1", null, MessageType.INFO_FORM, true), PEERS))
                .contains("the sender is not a peer");
    }

    @Test
    void shouldNeverAnswerAReceiptOrAnErrorWithAnErrorSoThatTwoNodesCannotLoop() {
        for (MessageType type : new MessageType[] {MessageType.RECEIPT, MessageType.ERROR}) {
            assertThat(Replies.withheld(rejected(id, "C-1", "320100", type, true), PEERS)).as(type.name())
                    .contains("Receipts and Errors are never answered");
        }
        assertThat(Replies.withheld(rejected(id, "C-1", "320100", MessageType.PING, true), PEERS)).isEmpty();
    }

    // --- the refused header, sanitised

    @Test
    void shouldRepeatTheRefusedIdsWhenTheyHaveTheirSchemasForm() {
        EnvelopeHeader header = Replies.errorHeader("440300", rejected(id, "320100-20261130-0a1b2c3d4e5f", "320100",
                MessageType.INFO_FORM, true));

        assertThat(header.type()).isEqualTo(MessageType.ERROR);
        assertThat(header.from()).isEqualTo("440300");
        assertThat(header.to()).isEqualTo("320100");
        assertThat(header.refToMessageId()).isEqualTo(id);
        assertThat(header.conversationId()).isEqualTo("320100-20261130-0a1b2c3d4e5f");
    }

    @Test
    void shouldLeaveOutWhatTheRefusedHeaderClaimedWhenItHasNotItsSchemasForm() {
        EnvelopeHeader header = Replies.errorHeader("440300", rejected("not-a-uuid\n2026 INFO forged",
                "case\nforged", "320100", MessageType.INFO_FORM, true));

        assertThat(header.refToMessageId()).isNull();
        assertThat(header.conversationId()).isEqualTo("UNKNOWN");
        assertThat(Replies.errorHeader("440300", rejected(null, null, "320100", null, true)).conversationId())
                .isEqualTo("UNKNOWN");
    }

    // --- composing Errors, Receipts and Pongs

    @Test
    void shouldComposeASignedErrorNamingTheCodeTheReasonAndTheRefusedIdCutToItsLimit() {
        String longId = "x".repeat(300);
        SignedMessage error = shenzhen.error(rejected(longId, "C-1", "320100", MessageType.INFO_FORM, true));

        Envelope envelope = verified(error);
        ErrorContent content = TransportMessages.readError(envelope.bodyContent());
        assertThat(content.refusedMessageId()).isEqualTo("x".repeat(100));
        assertThat(content.code()).isEqualTo("FIELD_INVALID");
        assertThat(content.reason()).isEqualTo("/InfoForm/Amounts/Total SUM_MISMATCH");
        assertThat(envelope.header().refToMessageId()).isNull();
        assertThat(envelope.header().to()).isEqualTo("320100");
    }

    @Test
    void shouldComposeAnErrorWithoutARefusedIdWhenNoneCouldBeRead() {
        SignedMessage error = shenzhen.error(rejected(null, null, "320100", null, true));

        assertThat(TransportMessages.readError(verified(error).bodyContent()).refusedMessageId()).isNull();
    }

    @Test
    void shouldComposeASignedReceiptStatingTheIdAndDigestOfWhatWasStored() {
        EnvelopeHeader received = EnvelopeHeader.create(MessageType.INFO_FORM, "320100", "440300", "C-1", null);

        Envelope receipt = verified(shenzhen.receipt(received, "cjy9+Poj1xtmrYMk2Uwl3BL4bFFO5xvxdo5HJ0+jZQk="));

        ReceiptContent content = TransportMessages.readReceipt(receipt.bodyContent());
        assertThat(content.receivedMessageId()).isEqualTo(received.messageId());
        assertThat(content.digestValue()).isEqualTo("cjy9+Poj1xtmrYMk2Uwl3BL4bFFO5xvxdo5HJ0+jZQk=");
        assertThat(content.receivedAt()).isEqualTo(NOW);
        assertThat(receipt.header().refToMessageId()).isEqualTo(received.messageId());
        assertThat(receipt.header().conversationId()).isEqualTo("C-1");
        assertThat(receipt.header().to()).isEqualTo("320100");
    }

    @Test
    void shouldComposeAPongRepeatingThePingsIdAndNonce() {
        MessageComposer nanjing = new MessageComposer(new MessageSigner(pki.node("320100")), XSD);
        SignedMessage ping = nanjing.compose(EnvelopeHeader.create(MessageType.PING, "320100", "440300", "PING-1", null),
                TransportMessages.ping("n0nce-1", NOW));

        Envelope pong = verified(shenzhen.pong(verified(ping)));

        assertThat(pong.header().type()).isEqualTo(MessageType.PONG);
        assertThat(pong.header().refToMessageId()).isEqualTo(ping.header().messageId());
        assertThat(TransportMessages.nonce(pong.bodyContent())).isEqualTo("n0nce-1");
    }
}
