package org.exchangenode.routes.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.exchangenode.routes.metrics.MessageMetrics;

/**
 * Failure policy of the inbox consumer. Permanent failures never get here (the handler quarantines them); what does
 * is transient (database or broker unavailable) and must not be handled: the exception rolls back the broker
 * transaction so that the message is redelivered, never dropped.
 */
@ApplicationScoped
public class InboundFailurePolicy extends RouteConfigurationBuilder {
    public static final String ID = "inbound.failure";
    private final MessageMetrics metrics;

    public InboundFailurePolicy(MessageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(false)
                .bean(metrics, "inboundRetry")
                .log(LoggingLevel.WARN, "inbound message ${header.exnMessageId} not processed, the broker will redeliver it: ${exception.message}");
    }
}
