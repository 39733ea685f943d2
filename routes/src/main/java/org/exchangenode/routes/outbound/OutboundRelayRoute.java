package org.exchangenode.routes.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/**
 * Drives the outbox relay: woken right after a message is stored (so a submission leaves at once), and polled as a
 * safety net for rows left by a crash or deferred after a broker failure. Also runs the watch for overdue Receipts.
 */
@ApplicationScoped
public class OutboundRelayRoute extends RouteBuilder {
    /** Sending any body here asks the relay to drain soon; wake-ups beyond one pending are redundant and dropped. */
    public static final String WAKE = "seda:outbound.relay.wake?size=1&discardWhenFull=true";

    private final OutboxRelay relay;
    private final ReceiptWatch receipts;
    private final NodeConfig config;

    public OutboundRelayRoute(OutboxRelay relay, ReceiptWatch receipts, NodeConfig config) {
        this.relay = relay;
        this.receipts = receipts;
        this.config = config;
    }

    @Override
    public void configure() {
        from("timer:outbound.relay?delay=1000&period=" + config.relay().pollInterval().toMillis())
                .routeId("outbound.relay.poll")
                .bean(relay, "drain");

        from(WAKE)
                .routeId("outbound.relay.wake")
                .bean(relay, "drain");

        from("timer:outbound.receipt-watch?delay=2000&period=" + config.delivery().checkInterval().toMillis())
                .routeId("outbound.receipt-watch")
                .bean(receipts, "check");
    }
}
