package org.exchangenode.routes.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Puts the browser-hardening headers on every answer of the node, refusals included: the API answers JSON, XML and
 * files to programs, so no page may frame it, sniff a type, load anything from it or keep a copy of it; over HTTPS
 * the browser is told to use nothing else. No CORS headers are ever added (Quarkus's CORS filter is off): a web page of
 * another origin cannot read an answer.
 */
@ApplicationScoped
public class SecurityHeaders {
    /** Nothing of an answer may run, load or be framed: the API serves data, never a page. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";
    /**
     * The console's pages: their own style sheet, script and images only (nothing from another origin, no inline script
     * or style), forms posted only to the node, never framed.
     */
    static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    void register(@Observes Filters filters) {
        // before every other filter of the node (SOAP guard, login throttle, authentication), so its refusals carry them
        filters.register(this::add, 2000);
    }

    void add(RoutingContext context) {
        boolean https = context.request().isSSL();
        boolean api = context.normalizedPath().startsWith("/api/");
        boolean console = context.normalizedPath().equals("/console") || context.normalizedPath().startsWith("/console/");
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Content-Security-Policy", console ? CONSOLE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
            if (api || console && !context.normalizedPath().startsWith("/console/static/")) {
                headers.set("Cache-Control", "no-store");
            }
            if (https) {
                headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
        });
        context.next();
    }
}
