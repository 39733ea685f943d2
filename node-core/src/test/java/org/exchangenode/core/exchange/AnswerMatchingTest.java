package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.transport.ErrorContent;
import org.exchangenode.core.transport.ReceiptContent;
import org.junit.jupiter.api.Test;

/** This node is 320100; its letter went to 440300, and the answers below come from 440300 unless said otherwise. */
class AnswerMatchingTest {
    private static final String DIGEST = "cjy9+Poj1xtmrYMk2Uwl3BL4bFFO5xvxdo5HJ0+jZQk=";
    private final String sentId = UUID.randomUUID().toString();
    private final KnownMessage sent = new KnownMessage(sentId, Direction.OUTBOUND, "ContactLetter", "440300", DIGEST);
    private final List<String> asked = new ArrayList<>();

    private Function<String, Optional<KnownMessage>> holding(KnownMessage... messages) {
        return id -> {
            asked.add(id);
            return List.of(messages).stream().filter(m -> m.messageId().equals(id)).findFirst();
        };
    }

    private static EnvelopeHeader answer(MessageType type, String from, String ref) {
        return EnvelopeHeader.create(type, from, "320100", "320100-20261130-0a1b2c3d4e5f", ref);
    }

    private static ReceiptContent receipt(String id, String digest) {
        return new ReceiptContent(id, Instant.parse("2026-11-30T08:00:00Z"), "http://www.w3.org/2000/09/xmldsig#sm3",
                digest);
    }

    private static void assertMismatch(AnswerMatching.Match match, EnvelopeHeader header, String reason) {
        assertThat(match).isInstanceOfSatisfying(AnswerMatching.Mismatch.class, m -> {
            assertThat(m.refusal()).isEqualTo(new InboundResult.Rejected(header.messageId(), header.conversationId(),
                    header.from(), header.type().wireName(), ErrorCode.RECEIPT_MISMATCH, reason, true));
        });
    }

    @Test
    void shouldAnswerTheMessageWhenAReceiptNamesOneThisNodeSentToItsSenderWithItsDigest() {
        EnvelopeHeader header = answer(MessageType.RECEIPT, "440300", sentId);

        assertThat(AnswerMatching.receipt(header, receipt(sentId, DIGEST), holding(sent)))
                .isEqualTo(new AnswerMatching.Answers(sent));
    }

    @Test
    void shouldRefuseAReceiptWhenItNamesAMessageThisNodeNeverSent() {
        String unknown = UUID.randomUUID().toString();
        EnvelopeHeader header = answer(MessageType.RECEIPT, "440300", unknown);

        assertMismatch(AnswerMatching.receipt(header, receipt(unknown, DIGEST), holding(sent)), header,
                "receipt names message " + unknown + ", which this node never sent");
    }

    @Test
    void shouldRefuseAReceiptWhenTheMessageWentToAnotherNodeOrCameIn() {
        EnvelopeHeader fromChengdu = answer(MessageType.RECEIPT, "510100", sentId);
        assertMismatch(AnswerMatching.receipt(fromChengdu, receipt(sentId, DIGEST), holding(sent)), fromChengdu,
                "receipt names message " + sentId + ", which this node did not send to 510100");

        KnownMessage received = new KnownMessage(sentId, Direction.INBOUND, "ContactLetter", "320100", DIGEST);
        EnvelopeHeader header = answer(MessageType.RECEIPT, "440300", sentId);
        assertMismatch(AnswerMatching.receipt(header, receipt(sentId, DIGEST), holding(received)), header,
                "receipt names message " + sentId + ", which this node did not send to 440300");
    }

    @Test
    void shouldRefuseAReceiptWhenItStatesAnotherDigestThanWhatWasSent() {
        EnvelopeHeader header = answer(MessageType.RECEIPT, "440300", sentId);
        String other = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

        assertMismatch(AnswerMatching.receipt(header, receipt(sentId, other), holding(sent)), header,
                "receipt states digest " + other + " but message " + sentId + " has digest " + DIGEST);
    }

    @Test
    void shouldAnswerTheMessageWhenAnErrorNamesOneThisNodeSentToItsSender() {
        EnvelopeHeader header = answer(MessageType.ERROR, "440300", sentId);

        assertThat(AnswerMatching.error(header, new ErrorContent(sentId, "FIELD_INVALID", "person.idNumber"),
                holding(sent))).isEqualTo(new AnswerMatching.Answers(sent));
    }

    @Test
    void shouldRefuseAnErrorWhenItNamesNoMessageOfThisNodeSentToItsSender() {
        String unknown = UUID.randomUUID().toString();
        EnvelopeHeader header = answer(MessageType.ERROR, "440300", unknown);
        assertMismatch(AnswerMatching.error(header, new ErrorContent(unknown, "FIELD_INVALID", "x"), holding(sent)),
                header, "error FIELD_INVALID names message " + unknown + ", which this node did not send to 440300");

        EnvelopeHeader fromChengdu = answer(MessageType.ERROR, "510100", sentId);
        assertMismatch(AnswerMatching.error(fromChengdu, new ErrorContent(sentId, "CASE_UNKNOWN", "x"), holding(sent)),
                fromChengdu, "error CASE_UNKNOWN names message " + sentId + ", which this node did not send to 510100");
    }

    @Test
    void shouldRefuseAnErrorWithoutLookingWhenItNamesNoMessageAtAll() {
        EnvelopeHeader header = answer(MessageType.ERROR, "440300", null);

        assertMismatch(AnswerMatching.error(header, new ErrorContent(null, "MALFORMED_XML", "x"), holding(sent)),
                header, "error MALFORMED_XML names message null, which this node did not send to 440300");
        assertThat(asked).isEmpty();
    }

    @Test
    void shouldLookUpOnlyTheMessageTheAnswerNames() {
        AnswerMatching.receipt(answer(MessageType.RECEIPT, "440300", sentId), receipt(sentId, DIGEST), holding(sent));

        assertThat(asked).containsExactly(sentId);
    }
}
