package org.exchangenode.routes.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.NodeConfig;

/** Looks at the CRL directory every {@code node.trust.crl-check-interval} and reads it again when a file changed. */
@ApplicationScoped
public class TrustRoute extends RouteBuilder {
    private final RevocationLists crls;
    private final NodeConfig config;

    public TrustRoute(RevocationLists crls, NodeConfig config) {
        this.crls = crls;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.trust().crls().isEmpty()) {
            return;
        }
        long period = config.trust().crlCheckInterval().toMillis();
        from("timer:trust.crls?delay=" + period + "&period=" + period)
                .routeId("trust.crls")
                .bean(crls, "reloadIfChanged");
    }
}
