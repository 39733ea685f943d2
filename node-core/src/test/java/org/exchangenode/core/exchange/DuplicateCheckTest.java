package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class DuplicateCheckTest {
    private static final String DIGEST = "cjy9+Poj1xtmrYMk2Uwl3BL4bFFO5xvxdo5HJ0+jZQk=";
    private final EnvelopeHeader header = EnvelopeHeader.create(MessageType.INFO_FORM, "440300", "320100",
            "320100-20261130-0a1b2c3d4e5f", null);

    @Test
    void shouldFindNoConflictWhenTheSameReceivedMessageArrivesAgain() {
        KnownMessage held = new KnownMessage(header.messageId(), Direction.INBOUND, "InfoForm", "320100", DIGEST);

        assertThat(DuplicateCheck.conflict(header, DIGEST, held)).isEmpty();
    }

    @Test
    void shouldRefuseAsAConflictWhenTheIdIsHeldForOtherContent() {
        KnownMessage held = new KnownMessage(header.messageId(), Direction.INBOUND, "InfoForm", "320100",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        assertThat(DuplicateCheck.conflict(header, DIGEST, held)).contains(new InboundResult.Rejected(
                header.messageId(), header.conversationId(), "440300", "InfoForm", ErrorCode.MESSAGE_ID_CONFLICT,
                "message id " + header.messageId() + " is already stored for a different message", true));
    }

    @Test
    void shouldRefuseAsAConflictWhenTheIdIsOneThisNodeSentEvenWithTheSameDigest() {
        KnownMessage sent = new KnownMessage(header.messageId(), Direction.OUTBOUND, "InfoForm", "440300", DIGEST);

        assertThat(DuplicateCheck.conflict(header, DIGEST, sent)).hasValueSatisfying(
                r -> assertThat(r.code()).isEqualTo(ErrorCode.MESSAGE_ID_CONFLICT));
    }
}
