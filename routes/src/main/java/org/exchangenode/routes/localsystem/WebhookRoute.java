package org.exchangenode.routes.localsystem;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Runs the local-system webhook delivery when a webhook is configured. */
@ApplicationScoped
public class WebhookRoute extends RouteBuilder {
    private final WebhookDelivery delivery;
    private final NodeConfig config;

    public WebhookRoute(WebhookDelivery delivery, NodeConfig config) {
        this.delivery = delivery;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.localSystem().webhook().url().isEmpty()) {
            return;
        }
        from("timer:local.webhook?delay=1000&period=" + config.localSystem().webhook().pollInterval().toMillis())
                .routeId("local.webhook")
                .bean(delivery, "deliverDue");
    }
}
