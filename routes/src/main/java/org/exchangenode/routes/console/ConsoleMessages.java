package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.envelope.EnvelopeCodec;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;
import org.exchangenode.core.form.MaskedDocument;
import org.exchangenode.core.signing.MessageVerifier;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.core.signing.VerifiedSignature;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.config.NodeConfig;
import org.exchangenode.routes.crypto.RevocationLists;
import org.exchangenode.routes.jdbc.AuditLog;
import org.exchangenode.routes.messages.MessageSearch;
import org.exchangenode.routes.messages.MessageStore;
import org.exchangenode.routes.messages.SendAttempt;
import org.exchangenode.routes.messages.StoredMessage;

/**
 * Finding one message among millions: the search form with keyset pages, the CSV export of a result, the detail of
 * one message (attempts, Receipt or Error, signature and certificate, body masked) and the signed XML for auditors.
 */
@Path("/console/messages")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleMessages {
    static final int PAGE = 50;
    /** Search windows; "all" searches without a time bound (slower on a large database, still by index). */
    static final List<String> WINDOWS = List.of("PT30M", "PT4H", "PT24H", "P7D", "P30D", "all");

    private final Console console;
    private final MessageSearch search;
    private final MessageStore store;
    private final AuditLog audit;
    private final MessageVerifier verifier;
    private final int maxBytes;

    public ConsoleMessages(Console console, MessageSearch search, MessageStore store, AuditLog audit,
                           TrustAnchors anchors, RevocationLists crls, NodeConfig config) {
        this.console = console;
        this.search = search;
        this.store = store;
        this.audit = audit;
        this.verifier = new MessageVerifier(anchors, crls::current);
        this.maxBytes = config.maxMessageBytes();
    }

    /** What the search form holds, as typed: shown again above the result. */
    @TemplateData
    public record Query(String messageId, String conversationId, String peer, String type, String status,
                        String direction, String errorCode, String window, String from, String to) {
        /** The query string of this search (without the page cursor), for the links of the result. */
        public String encoded() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("messageId", messageId);
            fields.put("conversationId", conversationId);
            fields.put("peer", peer);
            fields.put("type", type);
            fields.put("status", status);
            fields.put("direction", direction);
            fields.put("errorCode", errorCode);
            fields.put("window", window);
            fields.put("from", from);
            fields.put("to", to);
            StringBuilder out = new StringBuilder();
            fields.forEach((name, value) -> {
                if (value != null && !value.isEmpty()) {
                    out.append(out.length() == 0 ? "" : "&").append(name).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            });
            return out.toString();
        }
    }

    /** A row of the result as the page shows it. */
    @TemplateData
    public record Line(String messageId, String direction, String directionLabel, String type, String conversationId,
                       String peer, String status, String statusLabel, String storedAt, String errorCode,
                       boolean replayable) {
    }

    @GET
    public Response list(@Context UriInfo uri) {
        console.requireReader();
        Query query = query(uri);
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "messages");
        data.put("q", query);
        data.put("windows", WINDOWS.stream().map(w -> new ConsoleResource.Choice(w, console.t("window_" + w))).toList());
        data.put("statuses", choices("status_", MessageStatus.values()));
        data.put("directions", choices("direction_", Direction.values()));
        data.put("lines", List.of());
        data.put("next", null);
        data.put("first", null);
        data.put("exportLink", null); // a refused search offers no export (the template reads the key either way)
        data.put("searched", true);
        try {
            MessageSearch.Criteria criteria = criteria(query);
            String cursor = uri.getQueryParameters().getFirst("cursor");
            MessageSearch.Page page = search.search(criteria, cursor == null || cursor.isEmpty() ? null : cursor, PAGE);
            data.put("lines", page.rows().stream().map(this::line).toList());
            data.put("next", page.nextCursor() == null ? null
                    : "/console/messages?" + join(query.encoded(), "cursor="
                            + URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8)));
            data.put("first", cursor != null && !cursor.isEmpty() ? "/console/messages?" + query.encoded() : null);
        } catch (IllegalArgumentException | ExchangeException e) {
            data.put("error", console.error(e));
            return console.page("messages", 400, data);
        }
        data.put("exportLink", "/console/messages/export.csv?" + query.encoded());
        return console.page("messages", data);
    }

    @GET
    @Path("/{id}")
    public Response detail(@PathParam("id") String id) {
        console.requireReader();
        Optional<StoredMessage> found = Console.validId(id) ? store.find(id) : Optional.empty();
        if (found.isEmpty()) {
            throw new ConsoleRefused(404, "messageUnknown");
        }
        StoredMessage m = found.get();
        Map<String, Object> data = new HashMap<>();
        data.put("nav", "messages");
        data.put("msg", m);
        data.put("directionLabel", console.label("direction_", m.direction().name()));
        data.put("statusLabel", console.label("status_", m.status().name()));
        data.put("times", times(m));
        List<Attempt> attempts = new ArrayList<>();
        for (SendAttempt a : store.attempts(id)) {
            attempts.add(new Attempt(a.attempt(), a.outcome(), console.label("outcome_", a.outcome()),
                    a.at() == null ? "" : Console.time(a.at().toInstant()), a.detail() == null ? "" : a.detail()));
        }
        data.put("attempts", attempts);
        data.put("replayable", m.direction() == Direction.OUTBOUND && m.status() == MessageStatus.FAILED
                && console.operator());
        data.put("mayDownload", console.auditor());
        byte[] content = store.content(id).orElse(null);
        data.put("body", content == null ? "" : MaskedDocument.of(content, maxBytes));
        data.put("signature", content == null ? null : signature(content, m));
        data.put("receipt", m.receiptMessageId() == null ? null : store.find(m.receiptMessageId())
                .map(r -> new Answer(r.messageId(), r.type(), Console.time(r.storedAt().toInstant())))
                .orElse(new Answer(m.receiptMessageId(), "", "")));
        return console.page("message", data);
    }

    /** The signed message as it was on the wire, personal data in it: auditors (and admins) only, and audited. */
    @GET
    @Path("/{id}.xml")
    @Produces(MediaType.APPLICATION_XML)
    public Response signedXml(@PathParam("id") String id) {
        console.requireAuditor();
        byte[] content = Console.validId(id) ? store.content(id).orElse(null) : null;
        if (content == null) {
            throw new ConsoleRefused(404, "messageUnknown");
        }
        audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, id, console.user(),
                "signed message downloaded from the console", null));
        return Response.ok(content, MediaType.APPLICATION_XML_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + id + ".xml\"")
                .header("Cache-Control", "no-store").build();
    }

    /** One attempt to deliver, as shown. */
    @TemplateData
    public record Attempt(int number, String outcome, String outcomeLabel, String at, String detail) {
    }

    /** The Receipt or Error a message was answered with. */
    @TemplateData
    public record Answer(String messageId, String type, String storedAt) {
    }

    /** The signature as checked now against the node's trust anchors and current CRLs. */
    @TemplateData
    public record Signature(boolean valid, String algorithm, String subject, String serial, String notBefore,
                            String notAfter, String problem) {
    }

    @TemplateData
    public record Time(String label, String value) {
    }

    private List<Time> times(StoredMessage m) {
        List<Time> times = new ArrayList<>();
        add(times, "createdAt", m.createdAt());
        add(times, "storedAt", m.storedAt());
        add(times, "sentAt", m.sentAt());
        add(times, "deliveredAt", m.deliveredAt());
        add(times, "receiptDueAt", m.receiptDueAt());
        add(times, "updatedAt", m.updatedAt());
        return times;
    }

    private void add(List<Time> times, String key, java.time.OffsetDateTime at) {
        if (at != null) {
            times.add(new Time(console.t(key), Console.time(at.toInstant())));
        }
    }

    private Signature signature(byte[] content, StoredMessage m) {
        try {
            // checked at its signing time: was the signer's certificate valid and trusted when it signed
            VerifiedSignature verified = verifier.verify(EnvelopeCodec.parse(content, Math.max(maxBytes, content.length)),
                    m.createdAt().toInstant());
            X509Certificate c = verified.signer();
            return new Signature(true, verified.algorithm().name(), c.getSubjectX500Principal().getName(),
                    c.getSerialNumber().toString(16), Console.day(c.getNotBefore().toInstant()),
                    Console.day(c.getNotAfter().toInstant()), null);
        } catch (ExchangeException e) {
            return new Signature(false, m.signatureAlgorithm(), "", "", "", "",
                    e.code().name() + ": " + console.label("error_", e.code().name()));
        } catch (RuntimeException e) {
            return new Signature(false, m.signatureAlgorithm(), "", "", "", "", e.getClass().getSimpleName());
        }
    }

    private Line line(MessageSearch.Row r) {
        return new Line(r.messageId(), r.direction(), console.label("direction_", r.direction()), r.type(),
                r.conversationId(), r.peer(), r.status(), console.label("status_", r.status()),
                Console.time(r.storedAt()), r.errorCode() == null ? "" : r.errorCode(),
                "OUTBOUND".equals(r.direction()) && "FAILED".equals(r.status()));
    }

    private List<ConsoleResource.Choice> choices(String prefix, Enum<?>[] values) {
        List<ConsoleResource.Choice> out = new ArrayList<>();
        for (Enum<?> v : values) {
            out.add(new ConsoleResource.Choice(v.name(), console.label(prefix, v.name())));
        }
        return out;
    }

    static Query query(UriInfo uri) {
        var p = uri.getQueryParameters();
        String window = p.getFirst("window");
        boolean range = blank(p.getFirst("from")) == null && blank(p.getFirst("to")) == null;
        return new Query(blank(p.getFirst("messageId")), blank(p.getFirst("conversationId")), blank(p.getFirst("peer")),
                blank(p.getFirst("type")), blank(p.getFirst("status")), blank(p.getFirst("direction")),
                blank(p.getFirst("errorCode")),
                window != null && WINDOWS.contains(window) ? window : range ? "PT24H" : "all",
                blank(p.getFirst("from")), blank(p.getFirst("to")));
    }

    /** The criteria of a query; a bad field is refused naming the field, never repeating what was typed. */
    static MessageSearch.Criteria criteria(Query q) {
        Instant from = local("from", q.from());
        Instant to = local("to", q.to());
        // a message id or case id is found whenever it was stored: the window does not hide it
        boolean byId = q.messageId() != null || q.conversationId() != null;
        if (from == null && !byId && !"all".equals(q.window())) {
            from = Instant.now().minus(Duration.parse(q.window()));
        }
        return new MessageSearch.Criteria(q.messageId(), q.conversationId(), q.peer(), q.type(), q.status(),
                q.direction(), q.errorCode(), from, to);
    }

    private static Instant local(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(Console.BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date and time such as 2026-12-01T09:30 (Beijing time)");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "&" + b;
    }

    /** The CSV export of a search: at most {@link MessageSearch#MAX_EXPORT} rows, recorded in the audit log. */
    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    public Response csv(@Context UriInfo uri) {
        console.requireReader();
        Query query = query(uri);
        MessageSearch.Criteria criteria;
        try {
            // checked here, not first inside the stream: a refusal must be a 400 before the response begins
            criteria = MessageSearch.checked(criteria(query));
        } catch (IllegalArgumentException e) {
            throw new ConsoleRefused(400, "errorInput");
        }
        audit.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, console.user(),
                "message search exported as CSV (at most " + MessageSearch.MAX_EXPORT + " rows)", null));
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\ufeff'); // so that a spreadsheet opens the UTF-8 as UTF-8
            search.exportCsv(criteria, MessageSearch.MAX_EXPORT, writer);
            writer.flush();
        };
        String name = "messages-" + Console.day(Instant.now()) + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }
}
