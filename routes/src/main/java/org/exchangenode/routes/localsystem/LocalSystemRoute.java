package org.exchangenode.routes.localsystem;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Runs the local-system webhook delivery and the file drop, each when configured. */
@ApplicationScoped
public class LocalSystemRoute extends RouteBuilder {
    private final WebhookDelivery delivery;
    private final FileDrop fileDrop;
    private final NodeConfig config;

    public LocalSystemRoute(WebhookDelivery delivery, FileDrop fileDrop, NodeConfig config) {
        this.delivery = delivery;
        this.fileDrop = fileDrop;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.localSystem().fileDrop().dir().isPresent()) {
            from("timer:local.file-drop?delay=1000&period=" + config.localSystem().fileDrop().pollInterval().toMillis())
                    .routeId("local.file-drop")
                    .bean(fileDrop, "poll");
        }
        if (config.localSystem().webhook().url().isEmpty()) {
            return;
        }
        from("timer:local.webhook?delay=1000&period=" + config.localSystem().webhook().pollInterval().toMillis())
                .routeId("local.webhook")
                .bean(delivery, "deliverDue");
    }
}
