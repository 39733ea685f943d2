package org.exchangenode.routes.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.camel.CamelContext;
import org.exchangenode.core.envelope.EnvelopeHeader;
import org.exchangenode.core.envelope.MessageType;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageComposer;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.ContactLetterXml;
import org.exchangenode.routes.BrokerUsersForTests;
import org.exchangenode.routes.PeerTestSupport;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.Messages;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.messages.StoredMessage;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.Test;

/**
 * A message the broker refuses (here: its peer's inbox address is set up for topics only, so the broker has no queue
 * for it; on a network broker a peer not set up yet or a missing permission does the same) must not hold up the outbox: the messages queued after it go, the
 * refused one is retried with growing waits and ends FAILED with BROKER_REFUSED after the configured number of
 * refusals (3 in the test profile), and an operator's replay sends it once the peer exists on the broker.
 */
@QuarkusTest
class BrokerRefusalTest extends PeerTestSupport {
    @Inject
    NodeInstance instance;
    @Inject
    OutboxHandover handover;

    @Inject
    MessageComposer composer;
    @Inject
    MessageStore store;
    @Inject
    CamelContext camel;

    @Test
    void shouldSendTheOthersAndFailTheRefusedMessageAfterBoundedRetriesWhenTheBrokerRefusesOne() throws Exception {
        // a peer id no earlier run used, so its inbox address is created by nobody but this test
        String unknownPeer = "440300" + ThreadLocalRandom.current().nextInt(100, 1000);
        String refusedAddress = BrokerNames.inbox(unknownPeer);
        makeTopicOnly(refusedAddress);

        SignedMessage refused = letter(unknownPeer, "C-REFUSED-1");
        SignedMessage behind = letter("440300", "C-REFUSED-2");
        // both wait in the outbox, the refused one first, so that the relay takes them in one batch
        camel.getRouteController().suspendRoute("outbound.relay.poll");
        try {
            store.storeOutbound(Messages.of(refused, Direction.OUTBOUND, MessageStatus.STORED), refusedAddress);
            store.storeOutbound(Messages.of(behind, Direction.OUTBOUND, MessageStatus.STORED),
                    BrokerNames.inbox("440300"));
        } finally {
            camel.getRouteController().resumeRoute("outbound.relay.poll");
        }
        String refusedId = refused.header().messageId();

        shenzhen.receive(e -> e.header().messageId().equals(behind.header().messageId()), WAIT);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + refusedId).then()
                .body("status", equalTo("FAILED")).body("error.code", equalTo("BROKER_REFUSED")));

        StoredMessage failed = store.find(refusedId).orElseThrow();
        assertThat(failed.errorReason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}").hasSizeLessThanOrEqualTo(500);
        List<SendAttempt> attempts = store.attempts(refusedId);
        assertThat(attempts).extracting(SendAttempt::outcome)
                .containsExactly("BROKER_REFUSED", "BROKER_REFUSED", "FAILED");
        // the waits grow: 0.2 s after the first refusal, 0.4 s after the second (test profile)
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        // the peer's inbox is set up right on the broker; the operator replays the message
        setUpInbox(refusedAddress);
        given().auth().preemptive().basic("operator-test", "operator-test-password").contentType(ContentType.JSON)
                .body(Map.of("messageIds", List.of(refusedId), "reason", "peer set up on the broker"))
                .post("/api/v1/operations/replay").then().statusCode(200).body("replayed", equalTo(List.of(refusedId)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/messages/" + refusedId).then()
                .body("status", equalTo("SENT")).body("sendCount", equalTo(1)));
    }

    @Test
    void shouldRecordOneUnavailableAttemptPerQueuedSendWhenTheBrokerStaysUnreachable() throws Exception {
        SignedMessage waiting = letter("440300", "C-OUTAGE-1");
        String id = waiting.header().messageId();
        camel.getRouteController().suspendRoute("outbound.relay.poll");
        try {
            store.storeOutbound(Messages.of(waiting, Direction.OUTBOUND, MessageStatus.STORED), BrokerNames.inbox("440300"));
            // what the relay does while the broker is down: first with the row handed over at the commit...
            List<OutboxHandover.Handed> handed = handover.take(100).stream()
                    .filter(h -> h.entry().messageId().equals(id)).toList();
            assertThat(handed).hasSize(1);
            store.deferOutbox(handed.get(0).claim(), List.of(id), "broker did not take 1 message(s): connection refused",
                    Instant.now());
            // ...then at every retry, from the table
            for (int retry = 0; retry < 4; retry++) {
                Claim claim = instance.claim(Instant.now());
                List<String> claimed = store.claimOutbox(claim, Instant.now(), 100).stream()
                        .map(OutboxEntry::messageId).toList();
                assertThat(claimed).contains(id);
                store.deferOutbox(claim, claimed, "broker did not take 1 message(s): connection refused", Instant.now());
            }
            assertThat(store.attempts(id)).extracting(SendAttempt::outcome).containsExactly("BROKER_UNAVAILABLE");
        } finally {
            camel.getRouteController().resumeRoute("outbound.relay.poll");
        }
        shenzhen.receive(e -> e.header().messageId().equals(id), WAIT);
    }

    private SignedMessage letter(String to, String casePrefix) throws Exception {
        return composer.compose(EnvelopeHeader.create(MessageType.CONTACT_LETTER, "320100", to,
                Samples.caseId(casePrefix), null), ContactLetterXml.write(Samples.letter()));
    }

    /** The address exists for topics only: the broker answers a send to it as a queue with a refusal. */
    private static void makeTopicOnly(String address) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(BROKER);
             ClientSession session = BrokerUsersForTests.adminSession(locator)) {
            session.createAddress(SimpleString.of(address), RoutingType.MULTICAST, false);
        }
    }

    /**
     * As the broker's administrator sets a peer up: the topic-only address goes (through the management address) and the
     * inbox is declared as a queue (no node may create one).
     */
    private static void setUpInbox(String address) throws Exception {
        BrokerUsersForTests.manage(ResourceNames.BROKER, "deleteAddress", address, true);
        try (ServerLocator locator = ActiveMQClient.createServerLocator(BROKER);
             ClientSession session = BrokerUsersForTests.adminSession(locator)) {
            session.createAddress(SimpleString.of(address), RoutingType.ANYCAST, false);
            session.createQueue(QueueConfiguration.of(address).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
    }
}
