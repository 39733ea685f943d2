package org.exchangenode.routes.outbound;

import static org.exchangenode.routes.Endpoints.OUTBOUND_RELAY_TIMER;
import static org.exchangenode.routes.Endpoints.OUTBOUND_RELAY_WAKE;
import static org.exchangenode.routes.Endpoints.RECEIPT_WATCH_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.OutboundConfig;

/**
 * Drives the outbox relay: woken right after a message is stored (so a submission leaves at once), and polled as a
 * safety net for rows left by a crash or deferred after a broker failure. Also runs the watch for overdue Receipts.
 *
 * <p>The relay sends through {@link org.exchangenode.routes.broker.BrokerSender}, not a Camel jms: endpoint: it puts a
 * whole batch in one broker transaction (one journal sync, not one per message), sets the Artemis duplicate-id the
 * crash-resend scheme depends on, and tells a broker that refused a message (its {@code Refused} and
 * {@code DuplicateRefused}) from a broker that could not be reached, which the relay answers differently: the refused
 * message waits alone, the unreachable broker defers the batch. A producer endpoint hides all three.
 */
@ApplicationScoped
public class OutboundRelayRoute extends RouteBuilder {
    private final OutboxRelay relay;
    private final ReceiptWatch receipts;
    private final OutboundConfig config;

    public OutboundRelayRoute(OutboxRelay relay, ReceiptWatch receipts, OutboundConfig config) {
        this.relay = relay;
        this.receipts = receipts;
        this.config = config;
    }

    @Override
    public void configure() {
        // typed calls, not .bean(x, "name"): the compiler checks the method; the lambdas hold no logic (STYLE 12)
        from(timer(OUTBOUND_RELAY_TIMER, Duration.ofSeconds(1), config.relay().pollInterval()))
                .routeId("outbound.relay.poll")
                .process(exchange -> relay.drain());

        // a wake sends what the stores handed over, and reads the table only when a store asked for it
        from(OUTBOUND_RELAY_WAKE)
                .routeId("outbound.relay.wake")
                .process(exchange -> relay.drain(false));

        from(timer(RECEIPT_WATCH_TIMER, Duration.ofSeconds(2), config.delivery().checkInterval()))
                .routeId("outbound.receipt-watch")
                .process(exchange -> receipts.check());
    }
}
