package org.exchangenode.routes.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.exchangenode.core.transport.BrokerUrls;
import org.exchangenode.routes.config.BrokerConfig;

/**
 * The node's one JMS connection factory: to the configured external broker, or in-VM to the embedded one (started
 * on first use, so it is running before any consumer or sender connects).
 */
@ApplicationScoped
public class BrokerProducers {

    @Produces
    @Singleton
    ConnectionFactory connectionFactory(BrokerConfig broker, Instance<EmbeddedBroker> embedded) {
        ActiveMQConnectionFactory factory;
        if (broker.url().isPresent()) {
            factory = new ActiveMQConnectionFactory(BrokerUrls.withStorePasswords(broker.url().get(),
                    broker.trustStorePassword().orElse(null), broker.keyStorePassword().orElse(null)));
            broker.user().ifPresent(factory::setUser);
            broker.password().ifPresent(factory::setPassword);
        } else {
            // the embedded broker starts here, before any consumer or sender connects; this node logs in as its own user
            EmbeddedBroker local = embedded.get();
            factory = new ActiveMQConnectionFactory(local.inVmUrl());
            factory.setUser(local.ownUser());
            factory.setPassword(local.ownPassword());
        }
        // reconnect and fail-over: what the URL leaves unset (an HA URL keeps trying the pair; ReconnectSettings)
        ReconnectSettings.apply(factory, broker.url().orElse(null));
        return factory;
    }
}
