package org.exchangenode.routes.broker;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
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
 * acceptor for this node and a TCP acceptor so that other nodes can join, a dead-letter queue per inbox
 * ({@link NodeDeadLetterQueues}). Security is on, with the users and roles of the network broker
 * ({@link EmbeddedBrokerSecurity}); this node's own connection logs in as its own user. The TCP acceptor speaks TLS when
 * a key store is configured, and must when it listens beyond loopback. Started only when no external broker URL is
 * configured. Production nodes use a standalone broker (see config/broker/).
 */
@Singleton
public class EmbeddedBroker {
    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final EmbeddedBrokerSecurity security;
    private final String tcpUrl;
    private final int inVmId;

    @Inject
    public EmbeddedBroker(BrokerConfig broker, NodeConfig config) {
        this(config.id(), config.dataDir(), broker.embedded(), 0);
    }

    /** {@code inVmId}: the in-VM server id, 0 for the node; another in a test that runs beside a node in one JVM. */
    EmbeddedBroker(String nodeId, Path dataDir, BrokerConfig.Embedded embedded, int inVmId) {
        this.inVmId = inVmId;
        this.security = new EmbeddedBrokerSecurity(nodeId, embedded.users());
        boolean tls = EmbeddedBrokerTls.required(embedded);
        this.tcpUrl = "tcp://" + embedded.host() + ":" + embedded.port() + (tls ? " (TLS)" : "");
        String dir = DataDirectory.secure(dataDir, "broker").toString();
        Configuration configuration = new ConfigurationImpl()
                .setName("exchange-node-" + nodeId)
                .setPersistenceEnabled(true)
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
        configuration.addAcceptorConfiguration(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of(org.apache.activemq.artemis.core.remoting.impl.invm.TransportConstants.SERVER_ID_PROP_NAME,
                        inVmId), "in-vm"));
        configuration.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                EmbeddedBrokerTls.acceptorParameters(embedded, tls), "tcp"));
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(BrokerNames.DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(BrokerNames.EXPIRY_QUEUE))
                .setAutoCreateDeadLetterResources(false)
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000)
                // inboxes are declared for the nodes that have a user here (EmbeddedBrokerSecurity), as on the
                // network broker: a send to a node without one is refused, not kept where nobody may read it
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false));
        for (String queue : new String[] {BrokerNames.DEAD_LETTER_QUEUE, BrokerNames.EXPIRY_QUEUE}) {
            configuration.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST));
        }
        security.applyTo(configuration);
        // each inbox on this broker (this node's and those of nodes that join it) dead-letters to node.<id>.dlq, which
        // its node may read as it may on the network broker; DLQ is left for anything else
        configuration.registerBrokerPlugin(new NodeDeadLetterQueues());
        server.setConfiguration(configuration);
        server.setSecurityManager(security.manager());
        try {
            server.start();
        } catch (Exception e) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "cannot start the embedded broker on " + tcpUrl
                    + " with its journal in " + dir + ": " + e.getMessage(), e);
        }
        LOG.infof("embedded Artemis broker started: %s, journal %s, users for nodes %s", tcpUrl, dir,
                security.nodeIds());
    }

    /** The URL of this node's own connection (in the same JVM). */
    public String inVmUrl() {
        return "vm://" + inVmId;
    }

    /** The user this node's own connection logs in as, {@code node-<id>}. */
    public String ownUser() {
        return security.ownUser();
    }

    /** Its password: configured, or made at start when this node's user has no entry. Never logged. */
    String ownPassword() {
        return security.ownPassword();
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
