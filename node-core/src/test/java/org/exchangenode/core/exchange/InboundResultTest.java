package org.exchangenode.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.error.ErrorCode;
import org.junit.jupiter.api.Test;

class InboundResultTest {

    private static InboundResult.Rejected rejected(ErrorCode code) {
        return new InboundResult.Rejected(null, null, null, null, code, "reason", false);
    }

    @Test
    void shouldKeepOnlyABoundedPrefixWhenADocumentWasRefusedBeforeItWasParsed() {
        byte[] big = new byte[10_000];

        assertThat(rejected(ErrorCode.MESSAGE_TOO_LARGE).kept(big)).hasSize(InboundResult.Rejected.KEPT_PREFIX_BYTES);
        assertThat(rejected(ErrorCode.DOCUMENT_TOO_COMPLEX).kept(big)).hasSize(InboundResult.Rejected.KEPT_PREFIX_BYTES);
        assertThat(rejected(ErrorCode.DOCUMENT_TOO_COMPLEX).kept(new byte[100])).hasSize(100);
    }

    @Test
    void shouldKeepTheWholeDocumentWhenItCanBeCheckedAgain() {
        byte[] big = new byte[10_000];

        assertThat(rejected(ErrorCode.SIGNATURE_INVALID).kept(big)).isSameAs(big);
        assertThat(rejected(ErrorCode.MALFORMED_XML).kept(big)).isSameAs(big);
    }

    @Test
    void shouldNameTheVerifiedSenderWhenARuleAfterTheChecksRefusesAMessage() {
        EnvelopeHeader header = EnvelopeHeader.create(MessageType.INFO_FORM, "440300", "320100", "C-1", null);

        assertThat(InboundResult.Rejected.verified(header, ErrorCode.CASE_UNKNOWN, "no case C-1 at this node"))
                .isEqualTo(new InboundResult.Rejected(header.messageId(), "C-1", "440300", "InfoForm",
                        ErrorCode.CASE_UNKNOWN, "no case C-1 at this node", true));
    }
}
