package org.exchangenode.routes.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.routes.config.NodeConfig;

/**
 * The node's one JMS connection factory: to the configured external broker, or in-VM to the embedded one (started
 * on first use, so it is running before any consumer or sender connects).
 */
@ApplicationScoped
public class BrokerProducers {

    @Produces
    @Singleton
    ConnectionFactory connectionFactory(NodeConfig config, Instance<EmbeddedBroker> embedded) {
        NodeConfig.Broker broker = config.broker();
        ActiveMQConnectionFactory factory;
        if (broker.url().isPresent()) {
            factory = new ActiveMQConnectionFactory(broker.url().get());
            broker.user().ifPresent(factory::setUser);
            broker.password().ifPresent(factory::setPassword);
        } else {
            embedded.get();
            factory = new ActiveMQConnectionFactory("vm://0");
        }
        // ride out broker restarts instead of failing every send and consumer at once
        factory.setReconnectAttempts(-1);
        factory.setRetryInterval(500);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(10_000);
        factory.setCallTimeout(30_000);
        return factory;
    }
}
