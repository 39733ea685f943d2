package org.exchangenode.routes.crypto;

import static org.exchangenode.routes.Endpoints.CRL_TIMER;
import static org.exchangenode.routes.Endpoints.timer;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.exchangenode.routes.config.CryptoConfig;

/** Looks at the CRL directory every {@code node.trust.crl-check-interval} and reads it again when a file changed. */
@ApplicationScoped
public class TrustRoute extends RouteBuilder {
    private final RevocationLists crls;
    private final CryptoConfig config;

    public TrustRoute(RevocationLists crls, CryptoConfig config) {
        this.crls = crls;
        this.config = config;
    }

    @Override
    public void configure() {
        if (config.trust().crls().isEmpty()) {
            return;
        }
        // a typed call, not .bean(crls, "reloadIfChanged"): the compiler checks it; the lambda holds no logic (STYLE 12)
        from(timer(CRL_TIMER, config.trust().crlCheckInterval(), config.trust().crlCheckInterval()))
                .routeId("trust.crls")
                .process(exchange -> crls.reloadIfChanged());
    }
}
