package org.exchangenode.routes.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends a person who is not logged in (or whose session ended) from a console page to the login page. Quarkus's form
 * mechanism is configured without a login page, so that it answers 401 rather than redirecting every unauthenticated
 * request, the API's included, to a form; on the console's own paths that 401 becomes this redirect.
 */
@ApplicationScoped
public class LoginRedirect {

    void register(@Observes Filters filters) {
        filters.register(this::redirect, 1900);
    }

    void redirect(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals("/console") || path.startsWith("/console/") && !path.startsWith("/console/static/")
                && !path.equals("/console/login") && !path.equals("/console/j_security_check")) {
            context.addHeadersEndHandler(ignored -> {
                if (context.response().getStatusCode() == 401) {
                    context.response().setStatusCode(302).putHeader("Location", "/console/login");
                    context.response().headers().remove("WWW-Authenticate");
                }
            });
        }
        context.next();
    }
}
