package org.exchangenode.routes.broker;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.BrokerConfig;
import org.exchangenode.routes.config.DataDirectory;
import org.exchangenode.routes.config.NodeConfig;
import org.jboss.logging.Logger;

/**
 * The Artemis broker of the embedded default deployment: persistent journal under the data directory, an in-VM
 * acceptor for this node and a loopback TCP acceptor so that a second node on this host can join, a dead-letter queue
 * per inbox ({@link NodeDeadLetterQueues}). Started only when no external broker URL is configured. Production nodes
 * use a standalone broker (see config/broker/).
 */
@Singleton
public class EmbeddedBroker {
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String tcpUrl;

    public EmbeddedBroker(BrokerConfig broker, NodeConfig config) {
        BrokerConfig.Embedded embedded = broker.embedded();
        this.tcpUrl = "tcp://" + embedded.host() + ":" + embedded.port();
        String dir = DataDirectory.secure(config.dataDir(), "broker").toString();
        Configuration configuration = new ConfigurationImpl()
                .setName("exchange-node-" + config.id())
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setPersistIDCache(true)
                .setIDCacheSize(100_000)
                .setJournalDatasync(true)
                // a sync per 100 µs batch, as `artemis create` tunes for a disk like this; the default NIO
                // timeout (3.3 ms) made every transacted commit wait for it
                .setJournalBufferTimeout_NIO(100_000)
                .setJournalBufferTimeout_AIO(100_000);
        try {
            configuration.addAcceptorConfiguration("in-vm", "vm://0");
            configuration.addAcceptorConfiguration("tcp", tcpUrl + "?protocols=CORE");
        } catch (Exception e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "bad embedded broker address " + tcpUrl, e);
        }
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerNames.DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(BrokerNames.EXPIRY_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true));
        for (String queue : new String[] {BrokerNames.DEAD_LETTER_QUEUE, BrokerNames.EXPIRY_QUEUE}) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
        // each inbox on this broker (this node's and those of nodes that join it) dead-letters to node.<id>.dlq, which
        // its node may read as it may on the network broker; DLQ is left for anything else
        configuration.registerBrokerPlugin(new NodeDeadLetterQueues());
        server.setConfiguration(configuration);
        try {
            server.start();
        } catch (Exception e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot start the embedded broker on " + tcpUrl
                    + " with its journal in " + dir + ": " + e.getMessage(), e);
        }
        LOG.infof("embedded Artemis broker started: %s, journal %s", tcpUrl, dir);
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    public String tcpUrl() {
        return tcpUrl;
    }

    @PreDestroy
    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("embedded broker did not stop cleanly", e);
        }
    }
}
