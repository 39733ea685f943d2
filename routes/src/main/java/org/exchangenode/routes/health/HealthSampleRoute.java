package org.exchangenode.routes.health;

import static org.exchangenode.routes.Endpoints.HEALTH_SAMPLE_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.MetricsConfig;

/** Samples the gauges every {@code node.metrics.sample-interval}, the first time right after the start. */
@ApplicationScoped
public class HealthSampleRoute extends RouteBuilder {
    private final HealthSampler sampler;
    private final MetricsConfig config;

    public HealthSampleRoute(HealthSampler sampler, MetricsConfig config) {
        this.sampler = sampler;
        this.config = config;
    }

    @Override
    public void configure() {
        // a typed call, not .bean(sampler, "sample"): the compiler checks it; the lambda holds no logic
        from(timer(HEALTH_SAMPLE_TIMER, Duration.ofMillis(500), config.sampleInterval()))
                .routeId("health.sample")
                .process(exchange -> sampler.sample());
    }
}
