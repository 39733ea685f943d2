package org.exchangenode.routes.api;

/**
 * The roles of the node's API users (the README lists every endpoint with its role). A user has roles from the
 * configured realm; nobody has one by default, and an endpoint without a role annotation is refused
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}). Unauthenticated are only health, metrics and the OpenAPI
 * document.
 */
public final class Roles {
    /** The local business system: intake, its cases, its pull inbox, its messages. */
    public static final String SUBMITTER = "submitter";
    /** Operations: failed, quarantined and dead-lettered messages, replay, pings. */
    public static final String OPERATOR = "operator";
    /** The audit log: head, checkpoints, exports, archives. */
    public static final String AUDITOR = "auditor";
    /** The node's administrator: everything an operator and an auditor may do, nothing of the local system's. */
    public static final String ADMIN = "admin";
    /**
     * Read-only monitoring (a dashboard, a duty officer): the listings, counts, the audit head and archive list and the
     * directory — GETs that show no personal data and no signed or masked body; never a POST, PUT or DELETE.
     */
    public static final String OBSERVER = "observer";

    private Roles() {
    }
}
