package org.exchangenode.routes.deadlines;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Runs the deadline sweep shortly after start-up and then every {@code node.deadlines.sweep-interval}. */
@ApplicationScoped
public class DeadlineRoute extends RouteBuilder {
    private final DeadlineSweep sweep;
    private final NodeConfig config;

    public DeadlineRoute(DeadlineSweep sweep, NodeConfig config) {
        this.sweep = sweep;
        this.config = config;
    }

    @Override
    public void configure() {
        from("timer:deadlines.sweep?delay=5000&period=" + config.deadlines().sweepInterval().toMillis())
                .routeId("deadlines.sweep")
                .bean(sweep, "sweep()");
    }
}
