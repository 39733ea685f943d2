package org.exchangenode.routes.directory;

import static org.exchangenode.routes.Endpoints.DIRECTORY_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.DirectoryConfig;

/** Looks at the peer directory file every {@code node.directory.check-interval} and re-reads it when it changed. */
@ApplicationScoped
public class DirectoryRoute extends RouteBuilder {
    private final PeerDirectory directory;
    private final DirectoryConfig config;

    public DirectoryRoute(PeerDirectory directory, DirectoryConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.directory().file().isEmpty()) {
            return;
        }
        // a typed call, not .bean(directory, "reloadIfChanged"): the compiler checks it; the lambda holds no logic
        from(timer(DIRECTORY_TIMER, config.directory().checkInterval(), config.directory().checkInterval()))
                .routeId("directory.reload")
                .process(exchange -> directory.reloadIfChanged());
    }
}
