package org.exchangenode.routes.localsystem;

import static org.exchangenode.routes.Endpoints.FILE_DROP_TIMER;
import static org.exchangenode.routes.Endpoints.WEBHOOK_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.LocalSystemConfig;

/** Runs the local-system webhook delivery and the file drop, each when configured. */
@ApplicationScoped
public class LocalSystemRoute extends RouteBuilder {
    private final WebhookDelivery delivery;
    private final FileDrop fileDrop;
    private final LocalSystemConfig config;

    public LocalSystemRoute(WebhookDelivery delivery, FileDrop fileDrop, LocalSystemConfig config) {
        this.delivery = delivery;
        this.fileDrop = fileDrop;
        this.config = config;
    }

    @Override
    public void configure() {
        // typed calls, not .bean(x, "name"): the compiler checks the method; the lambdas hold no logic (STYLE 12)
        if (config.fileDrop().dir().isPresent()) {
            from(timer(FILE_DROP_TIMER, Duration.ofSeconds(1), config.fileDrop().pollInterval()))
                    .routeId("local.file-drop")
                    .process(exchange -> fileDrop.poll());
        }
        if (config.webhook().url().isEmpty()) {
            return;
        }
        from(timer(WEBHOOK_TIMER, Duration.ofSeconds(1), config.webhook().pollInterval()))
                .routeId("local.webhook")
                .process(exchange -> delivery.deliverDue());
    }
}
