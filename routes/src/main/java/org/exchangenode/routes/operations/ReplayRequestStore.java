package org.exchangenode.routes.operations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.exchangenode.routes.audit.AuditEvent;
import org.exchangenode.routes.operations.ReplayRequests.Request;
import org.exchangenode.routes.operations.ReplayRequests.Status;

/**
 * Replay requests waiting for a second operator ({@link ReplayRequests}). Every change of a request is written in one
 * transaction with its audit entry, so that the log holds exactly the requests and decisions the store holds.
 */
public interface ReplayRequestStore {

    /** Stores a new PENDING request with its ids in order, and its audit entry. */
    void insert(Request request, AuditEvent audited);

    Optional<Request> find(String id);

    /** The newest {@code limit} requests (of {@code status}, or of any when null), newest first. */
    List<Request> list(Status status, int limit);

    /** Marks every PENDING request whose expiry is at or before {@code now} EXPIRED; answers how many. */
    int expire(Instant now);

    /**
     * Moves a PENDING request that has not expired at {@code now} to {@code to} (EXECUTING or REJECTED) with who
     * decided, when and why, as one conditional update: of two operators deciding at once, one gets true. The audit
     * entry, if any, is written with the change.
     */
    boolean decide(String id, Status to, String decidedBy, Instant now, String decisionReason, AuditEvent audited);

    /** An EXECUTING request's replay is done: EXECUTED, with what happened to each id, and its audit entry. */
    void executed(String id, Operations.Summary result, AuditEvent audited);

    /** An EXECUTING request's replay failed before it finished (database or broker down): PENDING again. */
    void reopen(String id);
}
