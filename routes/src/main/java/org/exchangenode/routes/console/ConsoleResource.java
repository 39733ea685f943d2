package org.exchangenode.routes.console;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.exchangenode.core.cases.CaseDeadlines;
import org.exchangenode.routes.deadlines.StepStore;
import org.exchangenode.routes.health.Backlogs;
import org.exchangenode.routes.messages.MessageSearch;
import org.exchangenode.routes.operations.DeadLetters;
import org.jboss.logging.Logger;

/** The console's login page, its overview, the language switch and logging out. */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {
    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);
    /** The time windows of the overview (as Domibus offers them). */
    static final List<String> WINDOWS = List.of("PT30M", "PT4H", "PT12H", "PT24H", "P2D", "P3D", "P7D", "P30D");
    /** Dead letters are browsed on the broker: counted up to this, shown as "1000+" beyond. */
    static final int DEAD_LETTER_CAP = 1000;

    private final Console console;
    private final Backlogs backlogs;
    private final DeadLetters deadLetters;
    private final StepStore steps;
    private final MessageSearch search;
    private final Instance<HealthCheck> checks;

    public ConsoleResource(Console console, Backlogs backlogs, DeadLetters deadLetters, StepStore steps,
                           MessageSearch search, @Any Instance<HealthCheck> checks) {
        this.console = console;
        this.backlogs = backlogs;
        this.deadLetters = deadLetters;
        this.steps = steps;
        this.search = search;
        this.checks = checks;
    }

    @GET
    @Path("/login")
    @PermitAll
    public Response login(@QueryParam("error") String error) {
        return console.page("login", Map.of("nav", "login", "failed", error != null && !"locked".equals(error),
                "locked", "locked".equals(error)));
    }

    @GET
    public Response overview(@QueryParam("window") String window) {
        console.requireReader();
        String chosen = window != null && WINDOWS.contains(window) ? window : "PT24H";
        Instant since = Instant.now().minus(window(chosen));
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "overview");
        data.put("windows", WINDOWS.stream().map(w -> new Choice(w, console.t("window_" + w))).toList());
        data.put("window", chosen);
        data.put("counts", search.counts(since).stream()
                .map(c -> new StatusCount(c.peer(), c.direction(), console.label("direction_", c.direction()),
                        c.status(), console.label("status_", c.status()), c.count())).toList());
        Backlogs.Reading reading = backlogs.read(false);
        data.put("failed", reading.outbound().values().stream().mapToLong(Backlogs.Peer::failed).sum()
                + reading.webhookFailed());
        data.put("quarantined", reading.quarantined());
        int dead;
        try {
            dead = deadLetters.count(DEAD_LETTER_CAP);
        } catch (RuntimeException e) {
            LOG.warnf("the overview could not count dead letters: %s", e.getClass().getSimpleName());
            dead = -1;
        }
        data.put("deadLetters", dead < 0 ? "?" : dead >= DEAD_LETTER_CAP ? DEAD_LETTER_CAP + "+" : Integer.toString(dead));
        long overdue = 0;
        long dueSoon = 0;
        for (Map<CaseDeadlines.Alert, Long> byAlert : steps.openByPeer().values()) {
            overdue += byAlert.getOrDefault(CaseDeadlines.Alert.OVERDUE, 0L);
            dueSoon += byAlert.getOrDefault(CaseDeadlines.Alert.DUE_SOON, 0L);
        }
        data.put("overdue", overdue);
        data.put("dueSoon", dueSoon);
        data.put("health", health());
        return console.page("overview", data);
    }

    /** A count of messages stored in the window, for the overview's table. */
    @io.quarkus.qute.TemplateData
    public record StatusCount(String peer, String direction, String directionLabel, String status, String statusLabel,
                              long count) {
    }

    /** A value a user picks, with its label. */
    @io.quarkus.qute.TemplateData
    public record Choice(String code, String label) {
    }

    /** One part of the node's health: up or not, and what its check says. */
    @io.quarkus.qute.TemplateData
    public record Health(String name, String label, boolean up, List<String> details) {
    }

    private Map<String, Health> health() {
        Map<String, List<HealthCheckResponse>> byName = new HashMap<>();
        for (HealthCheck check : checks) {
            HealthCheckResponse response;
            try {
                response = check.call();
            } catch (RuntimeException e) {
                response = HealthCheckResponse.named(check.getClass().getSimpleName()).down()
                        .withData("error", e.getClass().getSimpleName()).build();
            }
            byName.computeIfAbsent(response.getName(), ignored -> new ArrayList<>()).add(response);
        }
        Map<String, Health> parts = new LinkedHashMap<>();
        parts.put("broker", part("broker", byName, "broker"));
        parts.put("database", part("database", byName, "database"));
        parts.put("directory", part("directory", byName, "directory"));
        parts.put("trust", part("trust", byName, "trust", "crls"));
        parts.put("calendar", part("calendar", byName, "calendar"));
        parts.replaceAll((name, part) -> new Health(name, console.t("health_" + name), part.up(),
                part.details().stream().map(this::detail).toList()));
        return parts;
    }

    /** A check's "key: value" with the key in the reader's language (values are the check's own: numbers, dates). */
    private String detail(String keyValue) {
        int colon = keyValue.indexOf(": ");
        if (colon < 0) {
            return keyValue;
        }
        String value = keyValue.substring(colon + 2);
        return console.label("healthKey_", keyValue.substring(0, colon)) + ": "
                + console.label("healthValue_", value);
    }

    private static Health part(String name, Map<String, List<HealthCheckResponse>> byName, String... checks) {
        boolean up = true;
        boolean found = false;
        List<String> details = new ArrayList<>();
        for (String check : checks) {
            for (HealthCheckResponse response : byName.getOrDefault(check, List.of())) {
                found = true;
                up &= response.getStatus() == HealthCheckResponse.Status.UP;
                response.getData().ifPresent(data -> data.forEach((key, value) -> details.add(key + ": " + value)));
            }
        }
        return new Health(name, name, found && up, details);
    }

    private static Duration window(String window) {
        return Duration.parse(window);
    }

    @POST
    @Path("/logout")
    public Response logout(@FormParam(Csrf.FIELD) String token) {
        console.checkCsrf(token);
        // the session is a cookie: expiring it ends the session in this browser
        return Response.seeOther(java.net.URI.create("/console/login"))
                .header("Set-Cookie", "exn-console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict")
                .build();
    }
}
