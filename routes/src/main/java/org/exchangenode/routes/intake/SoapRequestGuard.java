package org.exchangenode.routes.intake;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.routes.config.LocalSystemConfig;

/**
 * Refuses, before a byte of the body is read, what a web page could make a browser send to the SOAP intake: a body
 * that is not SOAP ({@code text/plain}, form-encoded and multipart need no CORS preflight, so any page on the agency's
 * network could post a letter through a clerk's browser) gets 415; a request carrying an {@code Origin} header that
 * {@code node.local-system.soap.allowed-origins} does not list gets 403. SOAP clients send no {@code Origin}.
 */
@ApplicationScoped
public class SoapRequestGuard {
    /** SOAP 1.1 and SOAP 1.2. */
    private static final Set<String> SOAP_TYPES = Set.of("text/xml", "application/soap+xml");
    private final Set<String> allowedOrigins;
    /** Where CXF serves: {@code quarkus.cxf.path} under {@code quarkus.http.root-path}. */
    private final String path;

    public SoapRequestGuard(LocalSystemConfig config) {
        this.allowedOrigins = Set.copyOf(config.soap().allowedOrigins().orElse(List.of()));
        Config quarkus = ConfigProvider.getConfig();
        String root = quarkus.getOptionalValue("quarkus.http.root-path", String.class).orElse("/");
        String cxf = quarkus.getOptionalValue("quarkus.cxf.path", String.class).orElse("/services");
        this.path = (root + "/" + cxf).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, 1000);
    }

    void check(RoutingContext context) {
        String requested = context.normalizedPath();
        if (!requested.equals(path) && !requested.startsWith(path + "/")) {
            context.next();
            return;
        }
        String origin = context.request().getHeader("Origin");
        if (origin != null && !allowedOrigins.contains(origin)) {
            refuse(context, 403, ErrorCode.ORIGIN_NOT_ALLOWED, "the SOAP intake is not for web pages: a request with an "
                    + "Origin header not in node.local-system.soap.allowed-origins is refused");
            return;
        }
        HttpMethod method = context.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && !soap(context.request().getHeader("Content-Type"))) {
            refuse(context, 415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be text/xml (SOAP 1.1) or "
                    + "application/soap+xml (SOAP 1.2)");
            return;
        }
        context.next();
    }

    static boolean soap(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim();
        return SOAP_TYPES.contains(type.toLowerCase(Locale.ROOT));
    }

    /** Answers at once and closes the connection: the refused body is never read. */
    private static void refuse(RoutingContext context, int status, ErrorCode code, String message) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close")
                .end("{\"code\":\"" + code.name() + "\",\"message\":\"" + message + "\"}");
    }
}
