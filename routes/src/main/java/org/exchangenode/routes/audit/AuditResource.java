package org.exchangenode.routes.audit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.routes.api.ApiError;
import org.exchangenode.routes.api.ApiExceptionMappers;
import org.exchangenode.routes.api.Roles;
import org.exchangenode.routes.jdbc.AuditLog;

/** The auditor's view of the tamper-evident log: head, checkpoints, exports and sealed archives. */
@jakarta.ws.rs.Path("/api/v1/audit")
@Tag(name = "audit", description = "The tamper-evident signed message log (role auditor)")
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
public class AuditResource {
    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final AuditExporter exporter;
    private final AuditArchiver archiver;
    private final SecurityIdentity identity;

    public AuditResource(AuditLog log, AuditCheckpoints checkpoints, AuditExporter exporter, AuditArchiver archiver,
                         SecurityIdentity identity) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.exporter = exporter;
        this.archiver = archiver;
        this.identity = identity;
    }

    /** The chain head, the oldest entry still in the database and the last signed checkpoint. */
    public record HeadView(boolean enabled, long sequence, String hash, Long oldestInDatabase, CheckpointView lastCheckpoint) {
    }

    public record CheckpointView(String nodeId, long sequence, String headHash, Instant time, String algorithm,
                                 String signature) {
        static CheckpointView of(Checkpoint c) {
            return new CheckpointView(c.nodeId(), c.sequence(), c.headHash(), c.time(), c.algorithm().name(),
                    c.signature());
        }
    }

    @GET
    @jakarta.ws.rs.Path("/head")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The chain head and the last signed checkpoint")
    public HeadView head() {
        AuditHead head = log.head();
        return new HeadView(log.enabled(), head.sequence(), head.hash(), log.firstSequence().orElse(null),
                log.lastCheckpoint().map(CheckpointView::of).orElse(null));
    }

    @POST
    @jakarta.ws.rs.Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign the current head now (returns the last checkpoint when the head has not moved)")
    public Response checkpoint() {
        return checkpoints.checkpoint().map(c -> Response.ok(CheckpointView.of(c)).build())
                .orElseGet(() -> ApiExceptionMappers.json(409, ApiError.of("AUDIT_EMPTY",
                        "the audit log is empty or disabled: nothing to sign")));
    }

    @GET
    @jakarta.ws.rs.Path("/export")
    @Produces("application/zip")
    @Operation(summary = "A self-contained, sealed archive of a range of the log, for the offline verifier. "
            + "Give a sequence range (fromSequence, toSequence) or a time range (from inclusive, to exclusive, "
            + "ISO-8601); open ends run to the oldest entry in the database and to the head.")
    public Response export(@QueryParam("fromSequence") Long fromSequence, @QueryParam("toSequence") Long toSequence,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditExporter.Range range;
        try {
            range = exporter.resolve(fromSequence, toSequence, instant("from", from), instant("to", to));
        } catch (AuditExporter.RangeException e) {
            return ApiExceptionMappers.json(e.getMessage().startsWith("entries before") ? 409 : 400,
                    ApiError.of("AUDIT_RANGE_INVALID", e.getMessage()));
        }
        String user = identity.getPrincipal().getName();
        log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, user, "audit export of entries "
                + range.first() + ".." + range.last(), null));
        StreamingOutput body = out -> exporter.write(range, out, "export", user);
        String name = "audit-" + identity.getPrincipal().getName() + "-" + range.first() + "-" + range.last() + ".zip";
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
                .header("X-Audit-First-Sequence", range.first())
                .header("X-Audit-Last-Sequence", range.last())
                .build();
    }

    @GET
    @jakarta.ws.rs.Path("/archives")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN, Roles.OBSERVER})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sealed archive files holding entries moved out of the database by retention")
    public List<ArchiveRecord> archives() {
        return log.archives();
    }

    @GET
    @jakarta.ws.rs.Path("/archives/{file}")
    @Produces("application/zip")
    @Operation(summary = "One sealed archive file, as written (its download is recorded in the log with the user)")
    public Response archive(@PathParam("file") String file) {
        Optional<ArchiveRecord> record = log.archives().stream().filter(a -> a.fileName().equals(file)).findFirst();
        if (record.isEmpty()) {
            throw ApiExceptionMappers.notFound("audit archive " + file);
        }
        Path path = archiver.directory().resolve(record.get().fileName());
        if (!Files.isRegularFile(path)) {
            return ApiExceptionMappers.json(410, ApiError.of("AUDIT_ARCHIVE_MISSING", "the archive " + file
                    + " is recorded but its file is not in " + archiver.directory() + " (moved to offline storage?)"));
        }
        log.record(new AuditEvent(AuditKind.OPERATOR_ACTION, null, identity.getPrincipal().getName(),
                "audit archive " + record.get().fileName() + " downloaded", null));
        return Response.ok(path.toFile(), "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new AuditExporter.RangeException(name + " must be an ISO-8601 instant such as 2026-11-26T00:00:00Z, got '"
                    + value + "'");
        }
    }
}
