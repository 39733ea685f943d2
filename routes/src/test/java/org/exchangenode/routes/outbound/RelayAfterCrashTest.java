package org.exchangenode.routes.outbound;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.core.form.FormFacts;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * The node died after the broker took a message but before it was marked SENT: on restart the relay sends it again
 * with the same duplicate id, the broker refuses the whole transaction, and the relay must neither loop on that
 * refusal nor hold back the other messages of the batch.
 */
@QuarkusTest
class RelayAfterCrashTest extends PeerTestSupport {
    @Inject
    MessageComposer composer;
    @Inject
    MessageStore store;
    @Inject
    OutboundMessages outbound;

    @Test
    void shouldMarkAMessageTheBrokerAlreadyHasAsSentAndSendTheRestOfTheBatch() throws Exception {
        SignedMessage alreadyAtBroker = composer.compose(
                EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300", Samples.caseId("C-CRASH-1"), null),
                ContactLetterXml.write(Samples.letter()));
        shenzhen.sendWithDuplicateId("440300", alreadyAtBroker.bytes(), alreadyAtBroker.header().messageId());
        store.storeOutbound(Messages.of(alreadyAtBroker, Direction.OUTBOUND, MessageStatus.STORED), "node.440300.inbox");
        ContactLetter letter = Samples.letter();
        SignedMessage fresh = outbound.send(
                EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", "440300", Samples.caseId("C-CRASH-2"), null),
                ContactLetterXml.write(letter), FormFacts.of(letter));

        for (String id : new String[] {alreadyAtBroker.header().messageId(), fresh.header().messageId()}) {
            await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + id).then()
                    .body("status", equalTo("SENT")).body("sendCount", equalTo(1)));
        }
        shenzhen.receive(e -> e.header().messageId().equals(fresh.header().messageId()), WAIT);
    }
}
