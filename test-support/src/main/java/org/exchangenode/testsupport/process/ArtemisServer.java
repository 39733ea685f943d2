package org.exchangenode.testsupport.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real Artemis server on a free loopback TCP port with a persistent, synced journal: the shared broker that node
 * processes join in integration tests and benchmarks, as a provincial broker would be shared in production.
 *
 * <p>The network broker gives each node inbox its own dead-letter queue; the plugin that does so for the embedded
 * broker lives in routes ({@code org.exchangenode.routes.broker.NodeDeadLetterQueues}), which this module cannot
 * depend on (routes' tests use it), so callers pass it in: {@code new ArtemisServer(dir, new NodeDeadLetterQueues())}.
 */
public final class ArtemisServer implements AutoCloseable {
    /** Every port {@link #freePort} has returned in this JVM. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port;
    private ConfigurationImpl configuration;

    /** @param plugins registered before start, e.g. routes' {@code NodeDeadLetterQueues} (node.<id>.dlq per inbox) */
    public ArtemisServer(Path dir, ActiveMQServerBasePlugin... plugins) throws Exception {
        this.port = freePort();
        configuration = new ConfigurationImpl()
                .setName("shared-broker")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDatasync(true)
                // a sync per 100 µs batch, as `artemis create` tunes for a disk like this; the default NIO
                // timeout (3.3 ms) made every transacted commit wait for it
                .setJournalBufferTimeout_NIO(100_000)
                .setJournalBufferTimeout_AIO(100_000)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPersistIDCache(true);
        configuration.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE");
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(10)
                .setRedeliveryDelay(500));
        configuration.addQueueConfiguration(QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST));
        configuration.addQueueConfiguration(QueueConfiguration.of("ExpiryQueue").setRoutingType(RoutingType.ANYCAST));
        for (ActiveMQServerBasePlugin plugin : plugins) {
            configuration.registerBrokerPlugin(plugin);
        }
        server.setConfiguration(configuration);
        server.start();
    }

    /** Stops the broker (clients lose their connections), waits, and starts it again on its journal and port. */
    public void restartAfter(Duration downtime) throws Exception {
        server.stop();
        Thread.sleep(downtime.toMillis());
        server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration);
        server.start();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /**
     * A TCP port free on the loopback interface right now and not handed out before by this JVM: a test that picks the
     * ports of several processes before starting them must not get one twice (the system may offer a port again once
     * the probe that found it is closed; ScaleOutIT once started two nodes on one port).
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IOException("no loopback port found that this JVM has not handed out already");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
