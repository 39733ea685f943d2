package org.exchangenode.routes.inbound;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.exchangenode.core.text.Redaction;
import org.exchangenode.routes.broker.BrokerNames;
import org.exchangenode.routes.messages.MessageMetrics;
import org.jboss.logging.Logger;

/**
 * Failure policy of the inbox consumer. Permanent failures never get here (the handler quarantines them); what does
 * is transient (database or broker unavailable) and must not be handled: the exception rolls back the broker
 * transaction so that the message is redelivered, never dropped.
 */
@ApplicationScoped
public class InboundFailurePolicy extends RouteConfigurationBuilder {
    public static final String ID = "inbound.failure";
    private static final Logger LOG = Logger.getLogger(InboundFailurePolicy.class);
    private final MessageMetrics metrics;

    public InboundFailurePolicy(MessageMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                .handled(false)
                .process(exchange -> metrics.inboundRetry())
                .process(InboundFailurePolicy::logRetry);
    }

    /** The message id is a broker property any client could set: escaped, like the exception's text. */
    static void logRetry(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warnf("inbound message %s not processed, the broker will redeliver it: %s",
                escape(exchange.getMessage().getHeader(BrokerNames.MESSAGE_ID)),
                escape(e == null ? null : Redaction.text(e.getMessage())));
    }
}
