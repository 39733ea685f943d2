package org.exchangenode.routes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.testsupport.peer.TestPeer;

/**
 * The TEST ONLY users of the node's embedded broker in the test profile (application.properties): a user per peer the
 * tests play ({@code node-<id>}, password {@code node-<id>-test-only}) and {@code admin}, which sets the broker up as an
 * operator of a network broker would with the broker's own tools.
 */
public final class BrokerUsersForTests {
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-only";

    private BrokerUsersForTests() {
    }

    public static String password(String nodeId) {
        return "node-" + nodeId + "-test-only";
    }

    /** Peer {@code nodeId} on the node's embedded broker, logged in as its own user. */
    public static TestPeer peer(String nodeId) throws JMSException {
        return new TestPeer(nodeId, PeerTestSupport.BROKER, "node-" + nodeId, password(nodeId));
    }

    /** A JMS connection to the embedded broker as {@code user} (not started). */
    public static Connection connect(String user, String password) throws JMSException {
        return new ActiveMQConnectionFactory(PeerTestSupport.BROKER, user, password).createConnection();
    }

    /** A core session of the administrator, for addresses and management. */
    public static ClientSession adminSession(ServerLocator locator) throws Exception {
        ClientSessionFactory factory = locator.createSessionFactory();
        return factory.createSession(ADMIN, ADMIN_PASSWORD, false, true, true, false, 0);
    }

    /** Invokes an operation through the embedded broker's management address as the administrator; returns its result. */
    public static Object manage(String resource, String operation, Object... parameters) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(PeerTestSupport.BROKER);
             ClientSession session = adminSession(locator)) {
            session.start();
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, resource, operation, parameters);
            ClientMessage reply = new ClientRequestor(session, "activemq.management").request(request, 5000);
            assertThat(ManagementHelper.hasOperationSucceeded(reply)).as(operation + " on " + resource).isTrue();
            return ManagementHelper.getResult(reply);
        }
    }

    /**
     * Puts bytes straight on a node's dead-letter queue ({@code node.<node>.dlq}) as if the broker had dead-lettered them
     * from {@code originalQueue}; only the administrator may (no node may send there).
     */
    public static void sendToDeadLetters(String node, byte[] bytes, String originalQueue, String messageId, String from)
            throws JMSException {
        try (Connection connection = connect(ADMIN, ADMIN_PASSWORD);
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(bytes);
            message.setStringProperty("_AMQ_ORIG_QUEUE", originalQueue);
            message.setStringProperty("exnMessageId", messageId);
            message.setStringProperty("exnType", "ContactLetter");
            message.setStringProperty("exnFrom", from);
            session.createProducer(session.createQueue("node." + node + ".dlq")).send(message);
        }
    }
}
