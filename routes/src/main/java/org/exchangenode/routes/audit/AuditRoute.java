package org.exchangenode.routes.audit;

import static org.exchangenode.routes.Endpoints.AUDIT_ARCHIVE_TIMER;
import static org.exchangenode.routes.Endpoints.AUDIT_CHECKPOINT_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.AuditConfig;

/** Timers of the audit log: the periodic checkpoint and, when retention is configured, archiving. */
@ApplicationScoped
public class AuditRoute extends RouteBuilder {
    private final AuditCheckpoints checkpoints;
    private final AuditArchiver archiver;
    private final AuditConfig config;

    public AuditRoute(AuditCheckpoints checkpoints, AuditArchiver archiver, AuditConfig config) {
        this.checkpoints = checkpoints;
        this.archiver = archiver;
        this.config = config;
    }

    @Override
    public void configure() {
        if (!config.enabled()) {
            return;
        }
        // typed calls, not .bean(x, "name"): the compiler checks the method; the lambdas hold no logic (STYLE 12)
        from(timer(AUDIT_CHECKPOINT_TIMER, config.checkpointInterval(), config.checkpointInterval()))
                .routeId("audit.checkpoint")
                .process(exchange -> checkpoints.checkpoint());
        if (config.retainFor().isPresent()) {
            from(timer(AUDIT_ARCHIVE_TIMER, Duration.ofMinutes(1), config.archiveInterval()))
                    .routeId("audit.archive")
                    .process(exchange -> archiver.run());
        }
    }
}
