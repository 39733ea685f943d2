package org.exchangenode.routes.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Timers of the audit log: the periodic checkpoint and, when retention is configured, archiving. */
@ApplicationScoped
public class AuditRoute extends RouteBuilder {
    private final AuditCheckpoints checkpoints;
    private final AuditArchiver archiver;
    private final NodeConfig config;

    public AuditRoute(AuditCheckpoints checkpoints, AuditArchiver archiver, NodeConfig config) {
        this.checkpoints = checkpoints;
        this.archiver = archiver;
        this.config = config;
    }

    @Override
    public void configure() {
        if (!config.audit().enabled()) {
            return;
        }
        from("timer:audit.checkpoint?delay=" + config.audit().checkpointInterval().toMillis() + "&period="
                + config.audit().checkpointInterval().toMillis())
                .routeId("audit.checkpoint")
                .bean(checkpoints, "checkpoint");
        if (config.audit().retainFor().isPresent()) {
            from("timer:audit.archive?delay=60000&period=" + config.audit().archiveInterval().toMillis())
                    .routeId("audit.archive")
                    .bean(archiver, "run");
        }
    }
}
