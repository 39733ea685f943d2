package org.exchangenode.routes.console;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused console request is answered with the refusal page in the user's language, never the API's JSON. */
public class ConsoleRefusals {
    private final Console console;

    public ConsoleRefusals(Console console) {
        this.console = console;
    }

    @ServerExceptionMapper
    public Response refused(ConsoleRefused e) {
        return console.page("refused", e.status(), Map.of("nav", "refused", "reason", console.t(e.key()), "status", e.status()));
    }
}
