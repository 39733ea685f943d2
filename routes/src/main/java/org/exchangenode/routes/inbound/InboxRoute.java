package org.exchangenode.routes.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.Endpoints;
import org.exchangenode.routes.config.BrokerConfig;
import org.exchangenode.routes.config.NodeConfig;

/**
 * Consumes this node's inbox in a local broker transaction: the message is acknowledged only when the handler
 * returns, that is after it is stored or quarantined. A transient failure rolls the transaction back and the broker
 * redelivers with backoff, then dead-letters (address settings of the broker).
 */
@ApplicationScoped
public class InboxRoute extends RouteBuilder {
    private final InboundHandler handler;
    private final NodeConfig node;
    private final BrokerConfig broker;

    public InboxRoute(InboundHandler handler, NodeConfig node, BrokerConfig broker) {
        this.handler = handler;
        this.node = node;
        this.broker = broker;
    }

    @Override
    public void configure() {
        from(Endpoints.inbox(node.id(), broker.consumers()))
                .routeId("inbound.receive")
                .routeConfigurationId(InboundFailurePolicy.ID)
                .convertBodyTo(byte[].class)
                // a typed call, not .bean(handler, "handle"): the compiler checks it; the lambda only hands over the body
                .process(exchange -> handler.handle(exchange.getMessage().getBody(byte[].class))).id("inbound.handle");
    }
}
