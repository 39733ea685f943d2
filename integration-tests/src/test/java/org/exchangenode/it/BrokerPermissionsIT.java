package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.exchange.SignedMessage;
import org.exchangenode.core.form.Agency;
import org.exchangenode.core.form.ContactLetter;
import org.exchangenode.testsupport.process.StandaloneBroker;
import org.exchangenode.testsupport.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network broker of config/broker on the Artemis 2.44.0 distribution, TLS only, a user per node: node 320100 may
 * send to 330100's inbox but not consume from it, a wrong password and a connection without TLS are refused, two
 * node processes exchange a letter through it, and a node lists and replays its own dead letters with its own user.
 */
class BrokerPermissionsIT {
    private static final String SCENARIO = "broker-" + System.currentTimeMillis();
    private static final Map<String, String> USERS = Map.of("node-320100", "nanjing-it-password",
            "node-440300", "shenzhen-it-password", "node-510100", "chengdu-it-password",
            "node-330100", "hangzhou-it-password");
    /** The broker's admin, made by {@link StandaloneBroker} (TEST ONLY password). */
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-it-password";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static StandaloneBroker broker;
    private static NodeProcess nanjing;
    private static NodeProcess shenzhen;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new StandaloneBroker(NodeProcess.WORK.resolve(SCENARIO).resolve("broker"), USERS);
    }

    @AfterAll
    static void stop() throws Exception {
        NodeProcess.closeAll(nanjing, shenzhen, broker);
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url + (url.contains("?") ? "&" : "?")
                + "reconnectAttempts=0&initialConnectAttempts=1&callTimeout=5000");
        return factory.createConnection(user, password);
    }

    @Test
    void shouldLetANodeSendToAPeersInboxButNotConsumeFromIt() throws Exception {
        try (Connection connection = connect(broker.tlsUrl(), "node-320100", USERS.get("node-320100"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("node.330100.inbox")).send(session.createTextMessage("probe"));
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("node.330100.inbox")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-320100");
            // its own inbox it may consume
            session.createConsumer(session.createQueue("node.320100.inbox")).close();
        }
        // the probe is still there for 330100 (whose node never runs here, so nothing else takes it)
        try (Connection connection = connect(broker.tlsUrl(), "node-330100", USERS.get("node-330100"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue("node.330100.inbox")).receive(5000)).isNotNull();
        }
    }

    @Test
    void shouldRefuseAWrongPasswordAndAConnectionWithoutTls() {
        assertThatThrownBy(() -> connect(broker.tlsUrl(), "node-320100", "wrong").close())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect(broker.plainUrl(), "node-320100", USERS.get("node-320100")).close())
                .isInstanceOf(jakarta.jms.JMSException.class);
    }

    @Test
    void shouldCarryALetterBetweenTwoNodesWithTheirOwnUsers() throws Exception {
        nanjing = new NodeProcess("320100", SCENARIO, broker.tlsUrl(), List.of("440300"))
                .with("node.broker.user", "node-320100").with("node.broker.password", USERS.get("node-320100")).start();
        shenzhen = new NodeProcess("440300", SCENARIO, broker.tlsUrl(), List.of("320100"))
                .with("node.broker.user", "node-440300").with("node.broker.password", USERS.get("node-440300")).start();

        String id = nanjing.api().contentType(ContentType.JSON).body(Samples.letterJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        shenzhen.api().get("/api/v1/messages/" + id).then().body("status", equalTo("RECEIVED"));
    }

    @Test
    void shouldLetANodeListAndReplayItsOwnDeadLettersButReadNoOtherNodesNorTheSharedQueue() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignedMessage letter = RawSender.letter("320100", "320100", "510100", "IT-DLQ-" + run, to510100(Samples.letter()));
        String id = letter.header().messageId();
        // Chengdu's node is not running: the letter waits on its inbox until the broker dead-letters it, by the path
        // it takes after the last failed delivery (10 attempts 1 s to 60 s apart would take about 4 minutes)
        try (Connection connection = connect(broker.tlsUrl(), "node-320100", USERS.get("node-320100"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("node.510100.inbox")).send(asRelaySends(session, letter));
        }
        manage("queue.node.510100.inbox", "sendMessagesToDeadLetterAddress", "exnMessageId = '" + id + "'");
        await().atMost(WAIT).untilAsserted(() -> assertThat(originalQueuesOn("node.510100.dlq", id))
                .containsExactly("node.510100.inbox"));

        // a dead letter of the shared DLQ from before the per-node queues, moved as the README's upgrade note says
        SignedMessage older = RawSender.letter("320100", "320100", "510100", "IT-DLQ-OLD-" + run,
                to510100(Samples.letter()));
        try (Connection connection = connect(broker.tlsUrl(), ADMIN, ADMIN_PASSWORD)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message dead = asRelaySends(session, older);
            dead.setStringProperty("_AMQ_ORIG_QUEUE", "node.510100.inbox");   // as the broker set it then
            session.createProducer(session.createQueue("DLQ")).send(dead);
        }
        manage("queue.DLQ", "moveMessages", "_AMQ_ORIG_QUEUE = 'node.510100.inbox'", "node.510100.dlq");
        String olderId = older.header().messageId();
        await().atMost(WAIT).untilAsserted(() -> assertThat(originalQueuesOn("node.510100.dlq", olderId))
                .as("a move marks the copy as coming from DLQ").containsExactly("DLQ"));

        try (Connection connection = connect(broker.tlsUrl(), "node-320100", USERS.get("node-320100"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("node.510100.dlq")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-320100");
            assertThatThrownBy(() -> session.createBrowser(session.createQueue("node.510100.dlq")).getEnumeration())
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-320100");
        }
        try (Connection connection = connect(broker.tlsUrl(), "node-510100", USERS.get("node-510100"))) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("DLQ")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-510100");
            assertThatThrownBy(() -> session.createBrowser(session.createQueue("DLQ")).getEnumeration())
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-510100");
        }

        try (NodeProcess chengdu = new NodeProcess("510100", SCENARIO, broker.tlsUrl(), List.of("320100"))
                .with("node.broker.user", "node-510100").with("node.broker.password", USERS.get("node-510100"))
                .start()) {
            await().atMost(WAIT).untilAsserted(() -> chengdu.auditor().get("/api/v1/operations/dead-letters").then()
                    .statusCode(200).body("messageId", hasItems(id, olderId)));
            chengdu.auditor().contentType(ContentType.JSON).body(Map.of("reason", "Chengdu's node was not running"))
                    .post("/api/v1/operations/dead-letters/replay").then().statusCode(200)
                    .body("replayed", hasSize(2)).body("skipped", hasSize(0));
            for (String replayed : List.of(id, olderId)) {
                await().atMost(WAIT).untilAsserted(() -> chengdu.api().get("/api/v1/messages/" + replayed).then()
                        .statusCode(200).body("status", equalTo("RECEIVED")));
            }
            chengdu.auditor().get("/api/v1/operations/dead-letters").then().statusCode(200)
                    .body("messageId", not(hasItem(id))).body("messageId", not(hasItem(olderId)));
        }
    }

    /** The sample letter of 320100 addressed to Chengdu (510100) instead. */
    private static ContactLetter to510100(ContactLetter s) {
        return new ContactLetter(s.letterNumber(), s.letterDate(), s.transferType(), s.accountCategory(), s.person(),
                new Agency("510100", "510100", "成都市社会保险事业管理局", null, null, null, null), s.transferInAgency(),
                s.handler());
    }

    /** The letter as a node's relay puts it on a peer's inbox: its bytes, its id as duplicate id, header properties. */
    private static Message asRelaySends(Session session, SignedMessage letter) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(letter.bytes());
        message.setStringProperty("_AMQ_DUPL_ID", letter.header().messageId());
        message.setStringProperty("exnMessageId", letter.header().messageId());
        message.setStringProperty("exnType", letter.header().type().wireName());
        message.setStringProperty("exnFrom", letter.header().from());
        return message;
    }

    /**
     * Invokes a management operation as the broker's admin. Fire and forget: the shipped configuration lets nobody
     * create the temporary queue a reply would need, so callers await the operation's effect.
     */
    private static void manage(String resource, String operation, Object... parameters) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(broker.tlsUrl());
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(ADMIN, ADMIN_PASSWORD, false, true, true, false, 0)) {
            ClientMessage request = session.createMessage(true);
            ManagementHelper.putOperationInvocation(request, resource, operation, parameters);
            try (ClientProducer producer = session.createProducer("activemq.management")) {
                producer.send(request);
            }
        }
    }

    /** The original queue of each message with this id on a queue, browsed by the broker's admin. */
    private static List<String> originalQueuesOn(String queue, String messageId) throws Exception {
        try (Connection connection = connect(broker.tlsUrl(), ADMIN, ADMIN_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<String> found = new ArrayList<>();
            Enumeration<?> messages = session.createBrowser(session.createQueue(queue),
                    "exnMessageId = '" + messageId + "'").getEnumeration();
            while (messages.hasMoreElements()) {
                found.add(((Message) messages.nextElement()).getStringProperty("_AMQ_ORIG_QUEUE"));
            }
            return found;
        }
    }
}
