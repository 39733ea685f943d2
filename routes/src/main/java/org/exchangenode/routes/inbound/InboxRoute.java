package org.exchangenode.routes.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.config.NodeConfig;

/**
 * Consumes this node's inbox in a local broker transaction: the message is acknowledged only when the handler
 * returns, that is after it is stored or quarantined. A transient failure rolls the transaction back and the broker
 * redelivers with backoff, then dead-letters (address settings of the broker).
 */
@ApplicationScoped
public class InboxRoute extends RouteBuilder {
    private final InboundHandler handler;
    private final NodeConfig config;

    public InboxRoute(InboundHandler handler, NodeConfig config) {
        this.handler = handler;
        this.config = config;
    }

    @Override
    public void configure() {
        from("jms:queue:" + BrokerNames.inbox(config.id())
                // a local transacted session per consumer, kept open: without lazyCreateTransactionManager=false
                // Camel wraps each message in a Spring JmsTransactionManager that opens a new connection every time
                + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                + "&concurrentConsumers=" + config.broker().consumers())
                .routeId("inbound.receive")
                .routeConfigurationId(InboundFailurePolicy.ID)
                .convertBodyTo(byte[].class)
                .bean(handler, "handle").id("inbound.handle");
    }
}
