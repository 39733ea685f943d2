package org.exchangenode.routes.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.exchangenode.core.audit.ArchiveVerifier;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.audit.VerificationText;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.signing.TrustAnchors;
import org.exchangenode.routes.audit.AuditCheckpoints;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.audit.AuditExporter;
import org.exchangenode.routes.audit.AuditHead;
import org.exchangenode.routes.jdbc.AuditLog;

/**
 * The auditor's page: the chain head and the last signed checkpoints, signing a checkpoint now, exporting a range
 * (the sealed archive the offline verifier reads), verifying the node's own chain with the verifier's own text,
 * and what people did (operator actions, approvals, refused logins).
 */
@Path("/console/audit")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleAudit {
    static final int CHECKPOINTS = 10;
    static final int ACTIONS = 50;
    /** The operator-action log looks at this many of the newest entries. */
    static final long ACTION_WINDOW = 100_000;

    private final Console console;
    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final AuditExporter exporter;
    private final TrustAnchors anchors;

    public ConsoleAudit(Console console, AuditLog log, AuditCheckpoints checkpoints, AuditExporter exporter,
                        TrustAnchors anchors) {
        this.console = console;
        this.log = log;
        this.checkpoints = checkpoints;
        this.exporter = exporter;
        this.anchors = anchors;
    }

    @TemplateData
    public record CheckpointLine(long sequence, String time, String algorithm, String hash) {
    }

    @TemplateData
    public record Action(long sequence, String time, String kind, String kindLabel, String actor, String messageId,
                         String detail) {
    }

    @GET
    public Response page() {
        console.requireAuditor();
        return page(Map.of(), 200);
    }

    private Response page(Map<String, Object> extra, int status) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("nav", "audit");
        data.put("enabled", log.enabled());
        AuditHead head = log.head();
        data.put("headSequence", head.sequence());
        data.put("headHash", head.hash());
        data.put("oldest", log.firstSequence().map(String::valueOf).orElse("—"));
        data.put("checkpoints", log.recentCheckpoints(CHECKPOINTS).stream().map(this::line).toList());
        data.put("actions", log.peopleActions(ACTION_WINDOW, ACTIONS).stream().map(e -> new Action(e.sequence(),
                Console.time(e.time()), e.kind().name(), console.label("kind_", e.kind().name()), e.actor(),
                e.messageId() == null ? "" : e.messageId(), e.detail() == null ? "" : e.detail())).toList());
        data.put("today", Console.day(Instant.now()));
        data.putIfAbsent("verifyResult", null);
        data.putIfAbsent("verifyIntact", false);
        return console.page("audit", status, data);
    }

    private CheckpointLine line(Checkpoint c) {
        return new CheckpointLine(c.sequence(), Console.time(c.time()), c.algorithm().name(), c.headHash());
    }

    @POST
    @Path("/checkpoint")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sign(@FormParam(Csrf.FIELD) String token) {
        console.checkCsrf(token);
        console.requireAuditor();
        Optional<Checkpoint> signed = checkpoints.checkpoint();
        if (signed.isEmpty()) {
            return page(Map.of("error", console.t("auditEmpty")), 409);
        }
        log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, console.user(),
                "checkpoint of entry " + signed.get().sequence() + " asked for from the console", null));
        return page(Map.of("notice", console.t("checkpointSigned") + " " + signed.get().sequence()), 200);
    }

    /** The range of days asked for, or the audit page saying why there is none (a bad day, no entries). */
    private record Asked(AuditExporter.Range range, Response refusal) {
    }

    private Asked asked(String from, String to) {
        try {
            return new Asked(range(from, to), null);
        } catch (IllegalArgumentException e) {
            return new Asked(null, page(Map.of("error", console.t("errorInput") + ": " + e.getMessage()), 400));
        } catch (AuditExporter.RangeException | ExchangeException e) {
            return new Asked(null, page(Map.of("error", console.t("auditRangeEmpty")), 409));
        }
    }

    /** A sealed archive of the entries written on the days from..to (Beijing time), both included. */
    @POST
    @Path("/export")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({"application/zip", MediaType.TEXT_HTML})
    public Response export(@FormParam(Csrf.FIELD) String token, @FormParam("from") String from,
                           @FormParam("to") String to) {
        console.checkCsrf(token);
        console.requireAuditor();
        Asked asked = asked(from, to);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        AuditExporter.Range range = asked.range();
        String user = console.user();
        log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, user, "audit export of entries "
                + range.first() + ".." + range.last() + " from the console", null));
        StreamingOutput body = out -> exporter.write(range, out, "export", user);
        String name = "audit-" + range.first() + "-" + range.last() + ".zip";
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store").build();
    }

    /**
     * Verifies the node's own chain in the database (or the days asked for) as the offline verifier does: the range
     * is exported to a temporary archive and read back with the trust anchors alone.
     */
    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@FormParam(Csrf.FIELD) String token, @FormParam("from") String from,
                           @FormParam("to") String to) {
        console.checkCsrf(token);
        console.requireAuditor();
        Asked asked = asked(from, to);
        if (asked.refusal() != null) {
            return asked.refusal();
        }
        AuditExporter.Range range = asked.range();
        java.nio.file.Path file = null;
        try {
            file = Files.createTempFile("exn-console-verify", ".zip");
            try (OutputStream out = Files.newOutputStream(file)) {
                exporter.write(range, out, "export", console.user());
            }
            ArchiveVerifier.Result result = new ArchiveVerifier(anchors).verify(List.of(file));
            StringWriter text = new StringWriter();
            try (PrintWriter out = new PrintWriter(text)) {
                VerificationText.print(result, out);
            }
            log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, console.user(), "verification of entries "
                    + range.first() + ".." + range.last() + " from the console: "
                    + (result.intact() ? "intact" : "BROKEN"), null));
            // the archive's temporary name is nothing an auditor needs
            return page(Map.of("verifyResult", text.toString().replace(file.toString(), "(export)"),
                    "verifyIntact", result.intact()), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the system cleans up
                }
            }
        }
    }

    private AuditExporter.Range range(String from, String to) {
        Instant start = day("from", from);
        Instant end = day("to", to);
        if (end != null) {
            end = end.plus(java.time.Duration.ofDays(1));
        }
        if (start != null && end != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("from must not be after to");
        }
        return exporter.resolve(null, null, start, end);
    }

    private static Instant day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).atStartOfDay(Console.BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a date such as 2026-12-01");
        }
    }
}
