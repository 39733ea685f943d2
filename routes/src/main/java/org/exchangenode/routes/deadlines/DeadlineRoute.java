package org.exchangenode.routes.deadlines;

import static org.exchangenode.routes.Endpoints.DEADLINE_SWEEP_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.DeadlineConfig;

/** Runs the deadline sweep shortly after start-up and then every {@code node.deadlines.sweep-interval}. */
@ApplicationScoped
public class DeadlineRoute extends RouteBuilder {
    private final DeadlineSweep sweep;
    private final DeadlineConfig config;

    public DeadlineRoute(DeadlineSweep sweep, DeadlineConfig config) {
        this.sweep = sweep;
        this.config = config;
    }

    @Override
    public void configure() {
        // a typed call, not .bean(sweep, "sweep()"): the compiler checks it; the lambda holds no logic (STYLE 12)
        from(timer(DEADLINE_SWEEP_TIMER, Duration.ofSeconds(5), config.deadlines().sweepInterval()))
                .routeId("deadlines.sweep")
                .process(exchange -> sweep.sweep());
    }
}
