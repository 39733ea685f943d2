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
        // ride out a broker restart or fail-over of a few seconds transparently; beyond that the relay defers and
        // retries and the inbox consumer's container reconnects on its own, so a stop is never held up for long
        factory.setReconnectAttempts(5);
        factory.setRetryInterval(500);
        factory.setRetryIntervalMultiplier(2.0);
        factory.setMaxRetryInterval(10_000);
        factory.setCallTimeout(30_000);
        // a blocking call made while reconnecting fails after 5 s instead of waiting forever: the relay defers and
        // retries, a consumer rolls back, and a stop request is not held up by an unreachable broker
        factory.setCallFailoverTimeout(5_000);
        return factory;
    }
}
