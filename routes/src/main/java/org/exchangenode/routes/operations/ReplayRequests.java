package org.exchangenode.routes.operations;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.exchangenode.core.audit.AuditKind;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.core.form.FieldViolation;
import org.exchangenode.core.form.InvalidFormException;
import org.exchangenode.core.form.ViolationCode;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.config.OperationsConfig;
import org.jboss.logging.Logger;

/**
 * Four-eyes approval of bulk replays (issue 15): a replay of at most {@link #threshold()} ids runs at once; a larger
 * one is stored as a PENDING request, and runs only when another operator approves it — the requester cannot. A
 * request expires undecided after {@code node.operations.replay-request-expiry} (looked at lazily, when requests are
 * listed or decided). The request, the approval or rejection are each in the audit log with who and why.
 */
@Singleton
public class ReplayRequests {
    private static final Logger LOG = Logger.getLogger(ReplayRequests.class);
    /** The longest id a request keeps (message ids are 36 characters, broker ids shorter). */
    static final int MAX_ID_LENGTH = 200;

    public enum Kind { MESSAGES, DEAD_LETTERS }

    public enum Status { PENDING, EXECUTING, EXECUTED, REJECTED, EXPIRED }

    /** A replay waiting for, or decided by, a second operator; {@code result} once EXECUTED. */
    public record Request(String id, Kind kind, List<String> ids, String reason, String requestedBy, Instant requestedAt,
                          Instant expiresAt, Status status, String decidedBy, Instant decidedAt, String decisionReason,
                          Operations.Summary result) {
    }

    /** What a submitted replay became: done at once, or a request waiting for a second operator. */
    public sealed interface Outcome permits Done, Pending {
    }

    public record Done(Operations.Summary summary) implements Outcome {
    }

    public record Pending(Request request) implements Outcome {
    }

    private final Operations operations;
    private final ReplayRequestStore store;
    private final Clock clock;
    private final int threshold;
    private final java.time.Duration expiry;

    public ReplayRequests(Operations operations, ReplayRequestStore store, Clock clock, OperationsConfig config) {
        this.operations = operations;
        this.store = store;
        this.clock = clock;
        this.threshold = config.fourEyesThreshold();
        this.expiry = config.replayRequestExpiry();
    }

    /** The most ids one operator replays alone. */
    public int threshold() {
        return threshold;
    }

    /**
     * Replays the ids at once when there are at most {@link #threshold()} of them (as {@code actor}, with
     * {@code reason}); stores a PENDING request for another operator otherwise. No ids: nothing to do.
     */
    public Outcome submit(Kind kind, List<String> ids, String reason, String actor) {
        Operations.requireReason(reason);
        if (kind == null) {
            throw new InvalidFormException(List.of(new FieldViolation("kind", ViolationCode.REQUIRED,
                    "must be MESSAGES or DEAD_LETTERS")));
        }
        List<String> unique = unique(ids);
        if (unique.isEmpty()) {
            return new Done(new Operations.Summary(false, 0, List.of(), List.of()));
        }
        if (unique.size() <= threshold) {
            return new Done(replay(kind, unique, reason, actor));
        }
        Instant now = clock.instant();
        Request request = new Request(UUID.randomUUID().toString(), kind, unique, reason, actor, now, now.plus(expiry),
                Status.PENDING, null, null, null, null);
        store.insert(request, new AuditEvent(AuditKind.REPLAY_REQUESTED, null, actor, "replay request " + request.id()
                + " of " + unique.size() + " " + what(kind) + " by " + actor + ", above the four-eyes threshold of "
                + threshold + ", waits for another operator until " + request.expiresAt() + ": " + reason, null));
        LOG.infof("replay request %s by %s: %d %s wait for another operator; reason: %s", request.id(), escape(actor),
                unique.size(), what(kind), escape(reason));
        return new Pending(request);
    }

    /**
     * Approves another operator's PENDING request and executes its replay as {@code approver}: the request moves to
     * EXECUTING in one conditional update (of two approvers at once, one wins; the other is told it is not pending),
     * then to EXECUTED with the replay's summary.
     */
    public Request approve(String id, String reason, String approver) {
        Request request = decidable(id, reason, approver);
        Instant now = clock.instant();
        if (!store.decide(id, Status.EXECUTING, approver, now, reason, null)) {
            throw lost(id, now);
        }
        Operations.Summary result;
        try {
            result = replay(request.kind(), request.ids(), replayReason(request), approver);
        } catch (RuntimeException e) {
            store.reopen(id);
            throw e;
        }
        store.executed(id, result, new AuditEvent(AuditKind.REPLAY_APPROVED, null, approver, "replay request " + id
                + " of " + request.ids().size() + " " + what(request.kind()) + " requested by " + request.requestedBy()
                + " (reason: " + request.reason() + ") approved by " + approver + ": " + reason + "; "
                + result.replayed().size() + " replayed, " + result.skipped().size() + " skipped", null));
        LOG.infof("replay request %s of %s approved by %s: %d replayed, %d skipped; reason: %s", id,
                escape(request.requestedBy()), escape(approver), result.replayed().size(), result.skipped().size(),
                escape(reason));
        return store.find(id).orElseThrow();
    }

    /** Rejects another operator's PENDING request: nothing is replayed. */
    public Request reject(String id, String reason, String approver) {
        Request request = decidable(id, reason, approver);
        Instant now = clock.instant();
        if (!store.decide(id, Status.REJECTED, approver, now, reason, new AuditEvent(AuditKind.REPLAY_REJECTED, null,
                approver, "replay request " + id + " of " + request.ids().size() + " " + what(request.kind())
                + " requested by " + request.requestedBy() + " (reason: " + request.reason() + ") rejected by "
                + approver + ": " + reason, null))) {
            throw lost(id, now);
        }
        LOG.infof("replay request %s of %s rejected by %s; reason: %s", id, escape(request.requestedBy()),
                escape(approver), escape(reason));
        return store.find(id).orElseThrow();
    }

    /** The newest {@code limit} requests (of {@code statusOrNull}, or all), newest first; expired ones marked so. */
    public List<Request> list(Status statusOrNull, int limit) {
        store.expire(clock.instant());
        return store.list(statusOrNull, limit);
    }

    public Optional<Request> find(String id) {
        return store.find(id);
    }

    /** The request, when {@code approver} may decide it now: not their own, PENDING and not expired. */
    private Request decidable(String id, String reason, String approver) {
        Operations.requireReason(reason);
        Request request = store.find(id).orElseThrow(() -> new ExchangeException(ErrorCode.REPLAY_REQUEST_UNKNOWN,
                "no replay request " + id));
        if (request.requestedBy().equals(approver)) {
            throw new ExchangeException(ErrorCode.REPLAY_OWN_REQUEST, "replay request " + id
                    + " is the caller's own: another operator must approve or reject it");
        }
        Instant now = clock.instant();
        if (request.status() == Status.PENDING && !now.isBefore(request.expiresAt())) {
            store.expire(now);
            throw expired(id);
        }
        if (request.status() == Status.EXPIRED) {
            throw expired(id);
        }
        if (request.status() != Status.PENDING) {
            throw notPending(id, request.status());
        }
        return request;
    }

    /** Why a conditional decision found the request no longer PENDING: another operator, or its expiry, came first. */
    private ExchangeException lost(String id, Instant now) {
        Request current = store.find(id).orElseThrow();
        if (current.status() == Status.EXPIRED || (current.status() == Status.PENDING && !now.isBefore(current.expiresAt()))) {
            store.expire(now);
            return expired(id);
        }
        return notPending(id, current.status());
    }

    private static ExchangeException expired(String id) {
        return new ExchangeException(ErrorCode.REPLAY_REQUEST_EXPIRED, "replay request " + id
                + " expired without a decision; request the replay again");
    }

    private static ExchangeException notPending(String id, Status status) {
        return new ExchangeException(ErrorCode.REPLAY_REQUEST_NOT_PENDING, "replay request " + id + " is " + status
                + ", no longer waiting for a decision");
    }

    private Operations.Summary replay(Kind kind, List<String> ids, String reason, String actor) {
        return kind == Kind.MESSAGES
                ? operations.replayFailed(ids, null, null, null, null, null, reason, false, actor)
                : operations.replayDeadLetters(ids, reason, false, actor);
    }

    /** The reason each replayed message is recorded with: the request's, naming the request (at most 500 characters). */
    private static String replayReason(Request request) {
        String text = "replay request " + request.id() + " of " + request.requestedBy() + ": " + request.reason();
        return text.length() <= 500 ? text : text.substring(0, 499) + "…";
    }

    private static String what(Kind kind) {
        return kind == Kind.MESSAGES ? "FAILED message(s)" : "dead letter(s)";
    }

    private static List<String> unique(List<String> ids) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (String id : ids == null ? List.<String>of() : ids) {
            if (id == null || id.isBlank()) {
                violations.add(new FieldViolation("ids", ViolationCode.REQUIRED, "an id must not be empty"));
            } else if (id.length() > MAX_ID_LENGTH) {
                violations.add(new FieldViolation("ids", ViolationCode.TOO_LONG, "an id has at most "
                        + MAX_ID_LENGTH + " characters"));
            } else {
                unique.add(id);
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFormException(List.of(violations.get(0)));
        }
        if (unique.size() > Operations.MAX_BULK) {
            throw new InvalidFormException(List.of(new FieldViolation("ids", ViolationCode.TOO_MANY,
                    "at most " + Operations.MAX_BULK + " ids in one replay")));
        }
        return List.copyOf(unique);
    }
}
