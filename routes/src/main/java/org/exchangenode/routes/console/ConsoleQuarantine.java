package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.MaskedDocument;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.operations.DeadLetters;
import org.exchangenode.routes.operations.Operations;
import org.exchangenode.routes.operations.QuarantineRecord;

/**
 * Documents the node refused (quarantine) and messages the broker gave up on (dead letters): list, inspect with
 * personal data masked, re-verify a quarantined document, move dead letters back to the inbox, each with a reason.
 */
@Path("/console")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleQuarantine {
    static final int PAGE = 50;

    private final Console console;
    private final MessageStore store;
    private final DeadLetters deadLetters;
    private final Operations operations;
    private final int maxBytes;

    public ConsoleQuarantine(Console console, MessageStore store, DeadLetters deadLetters, Operations operations,
                             NodeConfig config) {
        this.console = console;
        this.store = store;
        this.deadLetters = deadLetters;
        this.operations = operations;
        this.maxBytes = config.maxMessageBytes();
    }

    @TemplateData
    public record Quarantined(String id, String messageId, String sender, String type, String errorCode,
                              String errorLabel, String reason, String receivedAt, boolean resolved, String resolvedBy,
                              String resolution) {
    }

    @GET
    @Path("/quarantine")
    public Response quarantine(@QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("unresolved") @DefaultValue("false") boolean unresolved) {
        console.requireReader();
        int number = Math.max(0, Math.min(page, 10_000));
        List<Quarantined> rows = store.quarantined(new MessageStore.QuarantineFilter(null, null, null, null, null,
                null, unresolved, number, PAGE)).stream().map(this::row).toList();
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "quarantine");
        data.put("rows", rows);
        data.put("unresolved", unresolved);
        data.put("page", number);
        data.put("next", rows.size() == PAGE ? "/console/quarantine?page=" + (number + 1)
                + (unresolved ? "&unresolved=true" : "") : null);
        return console.page("quarantine", data);
    }

    @GET
    @Path("/quarantine/{id}")
    public Response quarantined(@PathParam("id") String id) {
        console.requireReader();
        QuarantineRecord record = Console.validId(id) ? store.findQuarantined(id).orElse(null) : null;
        if (record == null) {
            throw new ConsoleRefused(404, "quarantineUnknown");
        }
        return quarantinedPage(record, null, null);
    }

    private Response quarantinedPage(QuarantineRecord record, String notice, String error) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "quarantine");
        data.put("q", row(record));
        data.put("masked", store.quarantinedContent(record.quarantineId())
                .map(content -> MaskedDocument.of(content, maxBytes)).orElse(""));
        data.put("notice", notice);
        data.put("error", error);
        return console.page("quarantined", error == null ? 200 : 400, data);
    }

    @POST
    @Path("/quarantine/{id}/reverify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reverify(@PathParam("id") String id, @FormParam(Csrf.FIELD) String token,
                             @FormParam("reason") String reason) {
        console.checkCsrf(token);
        console.requireOperator();
        QuarantineRecord record = Console.validId(id) ? store.findQuarantined(id).orElse(null) : null;
        if (record == null) {
            throw new ConsoleRefused(404, "quarantineUnknown");
        }
        try {
            Operations.Reverified result = operations.reverify(id, reason, false, console.user());
            String notice = console.t("reverified_" + result.outcome())
                    + (result.code() == null ? "" : " (" + result.code() + ": " + console.label("error_", result.code()) + ")");
            return quarantinedPage(store.findQuarantined(id).orElse(record), notice, null);
        } catch (ExchangeException e) {
            return quarantinedPage(record, null, console.error(e));
        }
    }

    private Quarantined row(QuarantineRecord r) {
        return new Quarantined(r.quarantineId(), r.messageId() == null ? "" : r.messageId(),
                r.claimedSender() == null ? "" : r.claimedSender(), r.type() == null ? "" : r.type(),
                r.errorCode(), console.label("error_", r.errorCode()), r.reason() == null ? "" : r.reason(),
                r.receivedAt() == null ? "" : Console.time(r.receivedAt().toInstant()), r.resolution() != null,
                r.resolution() == null ? "" : r.resolution().by(),
                r.resolution() == null ? "" : Console.time(r.resolution().at().toInstant()) + " · "
                        + r.resolution().reason());
    }

    // ---- dead letters

    @TemplateData
    public record Dead(String id, String messageId, String type, String from, String queue, String sentAt,
                       long bytes) {
    }

    @GET
    @Path("/dead-letters")
    public Response deadLetters(@QueryParam("page") @DefaultValue("0") int page) {
        console.requireReader();
        return deadLettersPage(Math.max(0, Math.min(page, 10_000)), null, null, 200);
    }

    private Response deadLettersPage(int page, String notice, String error, int status) {
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "dead-letters");
        data.put("page", page);
        data.put("notice", notice);
        data.put("error", error);
        try {
            List<Dead> rows = deadLetters.list(DeadLetters.Filter.ANY, page, PAGE).stream()
                    .map(d -> new Dead(d.brokerId(), d.messageId() == null ? "" : d.messageId(),
                            d.type() == null ? "" : d.type(), d.from() == null ? "" : d.from(), d.originalQueue(),
                            Console.time(d.sentAt()), d.bytes())).toList();
            data.put("rows", rows);
            data.put("next", rows.size() == PAGE ? "/console/dead-letters?page=" + (page + 1) : null);
        } catch (RuntimeException e) {
            data.put("rows", List.of());
            data.put("next", null);
            data.put("error", console.t("brokerUnavailable"));
            status = 503;
        }
        return console.page("dead-letters", status, data);
    }

    @GET
    @Path("/dead-letters/{id}")
    public Response deadLetter(@PathParam("id") String id) {
        console.requireReader();
        DeadLetters.DeadLetter letter = Console.validId(id) ? deadLetters.find(id).orElse(null) : null;
        if (letter == null) {
            throw new ConsoleRefused(404, "deadLetterUnknown");
        }
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "dead-letters");
        data.put("d", new Dead(letter.brokerId(), letter.messageId() == null ? "" : letter.messageId(),
                letter.type() == null ? "" : letter.type(), letter.from() == null ? "" : letter.from(),
                letter.originalQueue(), Console.time(letter.sentAt()), letter.bytes()));
        data.put("masked", deadLetters.content(id).map(content -> MaskedDocument.of(content, maxBytes)).orElse(""));
        return console.page("dead-letter", data);
    }
}
