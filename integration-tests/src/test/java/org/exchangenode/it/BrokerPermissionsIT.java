package org.exchangenode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The network broker of config/broker on the Artemis 2.44.0 distribution, TLS only, a user per node: node 320100 may
 * send to 440300's inbox but not consume from it, a wrong password and a connection without TLS are refused, and two
 * node processes exchange a letter through it.
 */
class BrokerPermissionsIT {
    private static final String SCENARIO = "broker-" + System.currentTimeMillis();
    private static final Map<String, String> USERS = Map.of("node-320100", "nanjing-it-password",
            "node-440300", "shenzhen-it-password");
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
            session.createProducer(session.createQueue("node.440300.inbox")).send(session.createTextMessage("probe"));
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("node.440300.inbox")))
                    .isInstanceOf(JMSSecurityException.class).hasMessageContaining("node-320100");
            // its own inbox it may consume
            session.createConsumer(session.createQueue("node.320100.inbox")).close();
        }
        // the probe is still there for 440300
        try (Connection connection = connect(broker.tlsUrl(), "node-440300", USERS.get("node-440300"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue("node.440300.inbox")).receive(5000)).isNotNull();
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

        String id = nanjing.api().contentType(ContentType.JSON).body(Forms.freshJson())
                .post("/api/v1/contact-letters").then().statusCode(202).extract().path("messageId");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> nanjing.api().get("/api/v1/messages/" + id).then()
                .body("status", equalTo("DELIVERED")));
        shenzhen.api().get("/api/v1/messages/" + id).then().body("status", equalTo("RECEIVED"));
    }
}
