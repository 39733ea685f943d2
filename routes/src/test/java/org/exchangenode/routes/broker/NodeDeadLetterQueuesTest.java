package org.exchangenode.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin on a real Artemis server with a journal, its settings those of the embedded broker except for two
 * delivery attempts without delay: a message its consumer rolls back until the broker gives up lands on the node's own
 * dead-letter queue, also for an inbox an older version created; the dead letters an older version left on the shared
 * queue move to their nodes' queues at start, also those of an inbox that is gone.
 */
class NodeDeadLetterQueuesTest {
    /** Not vm://0: the node of the Quarkus tests may be running its embedded broker in this JVM. */
    private static final String IN_VM = "vm://41";
    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterAMessageOfAnInboxToItsNodesOwnQueue() throws Exception {
        EmbeddedActiveMQ broker = start(true);
        try {
            String id = send("node.320100.inbox");
            rollBackUntilTheBrokerGivesUp("node.320100.inbox");

            assertThat(browse("node.320100.dlq")).containsExactly(new Letter(id, "node.320100.inbox"));
            assertThat(browse(BrokerNames.DEAD_LETTER_QUEUE)).isEmpty();
            ActiveMQServer server = broker.getActiveMQServer();
            AddressSettings deadLetters = server.getAddressSettingsRepository().getMatch("node.320100.dlq");
            assertThat(deadLetters.getMaxDeliveryAttempts()).as("a dead-letter queue never dead-letters again")
                    .isEqualTo(-1);
            assertThat(deadLetters.isAutoDeleteQueues()).as("nor goes when empty").isFalse();
            assertThat(server.getAddressSettingsRepository().getMatch("node.320100.inbox").getMaxDeliveryAttempts())
                    .as("the wildcard's other settings still apply").isEqualTo(2);
        } finally {
            broker.stop();
        }
    }

    @Test
    void shouldGiveNoQueueToANameThatIsNoNodeInbox() throws Exception {
        EmbeddedActiveMQ broker = start(true);
        try {
            ActiveMQServer server = broker.getActiveMQServer();
            for (String name : List.of("node.32010x.inbox", "node.3201000.inbox", "node.320100.outbox",
                    "node.320100.inbox.x")) {
                server.createQueue(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST)
                        .setAutoCreateAddress(true));
            }
            // a queue named like an inbox on another address is not one
            server.createQueue(QueueConfiguration.of("node.440300.inbox").setAddress("elsewhere")
                    .setRoutingType(RoutingType.ANYCAST).setAutoCreateAddress(true));

            assertThat(server.getPostOffice().getAllBindings().map(b -> b.getUniqueName().toString()))
                    .noneMatch(name -> name.endsWith(".dlq"));
        } finally {
            broker.stop();
        }
    }

    @Test
    void shouldGiveAnInboxOfAnOlderJournalItsQueueAtStartAndMoveItsOldDeadLetters() throws Exception {
        EmbeddedActiveMQ older = start(false);
        String old = send("node.510100.inbox");
        rollBackUntilTheBrokerGivesUp("node.510100.inbox");
        String waiting = send("node.510100.inbox");
        String ofAGoneInbox = send("node.440300.inbox");
        rollBackUntilTheBrokerGivesUp("node.440300.inbox");
        // as the broker deletes an inbox it made on demand once its node has gone and it is empty
        older.getActiveMQServer().destroyQueue(SimpleString.of("node.440300.inbox"));
        assertThat(browse(BrokerNames.DEAD_LETTER_QUEUE)).hasSize(2);
        older.stop();

        EmbeddedActiveMQ broker = start(true);
        try {
            assertThat(browse(BrokerNames.DEAD_LETTER_QUEUE)).isEmpty();
            assertThat(browse("node.510100.dlq")).as("moved, which sets the original queue to the shared one")
                    .containsExactly(new Letter(old, BrokerNames.DEAD_LETTER_QUEUE));
            assertThat(browse("node.440300.dlq"))
                    .containsExactly(new Letter(ofAGoneInbox, BrokerNames.DEAD_LETTER_QUEUE));

            // the inbox loaded from the journal now dead-letters to the node's queue
            rollBackUntilTheBrokerGivesUp("node.510100.inbox");
            assertThat(browse("node.510100.dlq")).containsExactlyInAnyOrder(
                    new Letter(old, BrokerNames.DEAD_LETTER_QUEUE), new Letter(waiting, "node.510100.inbox"));
            assertThat(browse(BrokerNames.DEAD_LETTER_QUEUE)).isEmpty();
        } finally {
            broker.stop();
        }
    }

    /** The embedded broker's settings with two delivery attempts and no delay; the plugin only when asked. */
    private EmbeddedActiveMQ start(boolean withPlugin) throws Exception {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("dlq-test").setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        configuration.addAcceptorConfiguration("in-vm", IN_VM);
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerNames.DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(BrokerNames.EXPIRY_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(2)
                .setRedeliveryDelay(0)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        configuration.addQueueConfiguration(QueueConfiguration.of(BrokerNames.DEAD_LETTER_QUEUE)
                .setRoutingType(RoutingType.ANYCAST));
        if (withPlugin) {
            configuration.registerBrokerPlugin(new NodeDeadLetterQueues());
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration);
        broker.start();
        return broker;
    }

    private static String send(String queue) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection connection = new ActiveMQConnectionFactory(IN_VM).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Message message = session.createBytesMessage();
            message.setStringProperty("exnMessageId", id);
            session.createProducer(session.createQueue(queue)).send(message);
        }
        return id;
    }

    /** A transacted consumer, as the node's inbox route, that fails every message until none is left. */
    private static void rollBackUntilTheBrokerGivesUp(String queue) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(IN_VM).createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            while (consumer.receive(1000) != null) {
                session.rollback();
            }
        }
    }

    /** What a dead letter's properties say: the id the test gave it and the queue the broker says it came from. */
    private record Letter(String id, String originalQueue) {
    }

    private static List<Letter> browse(String queue) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory(IN_VM).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<Letter> letters = new ArrayList<>();
            for (Object each : Collections.list(session.createBrowser(session.createQueue(queue)).getEnumeration())) {
                Message message = (Message) each;
                letters.add(new Letter(message.getStringProperty("exnMessageId"),
                        message.getStringProperty(BrokerNames.ORIGINAL_QUEUE)));
            }
            return letters;
        }
    }
}
