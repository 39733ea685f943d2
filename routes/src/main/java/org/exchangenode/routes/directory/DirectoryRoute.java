package org.exchangenode.routes.directory;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Looks at the peer directory file every {@code node.directory.check-interval} and re-reads it when it changed. */
@ApplicationScoped
public class DirectoryRoute extends RouteBuilder {
    private final PeerDirectory directory;
    private final NodeConfig config;

    public DirectoryRoute(PeerDirectory directory, NodeConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.directory().file().isEmpty()) {
            return;
        }
        long period = config.directory().checkInterval().toMillis();
        from("timer:directory.reload?delay=" + period + "&period=" + period)
                .routeId("directory.reload")
                .bean(directory, "reloadIfChanged");
    }
}
