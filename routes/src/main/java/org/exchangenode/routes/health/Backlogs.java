package org.exchangenode.routes.health;

import java.time.Instant;
import java.util.Map;

/** What waits at this node, read from its database for the gauges ({@link BacklogGauges}). */
public interface Backlogs {

    /** How many wait in one queue of work, and since when the oldest of them (null when none). */
    record Waiting(long count, Instant oldest) {
        public static final Waiting NONE = new Waiting(0, null);
    }

    /**
     * Outbound messages to one peer: waiting for the broker (an outbox row, a first send or a resend; the oldest by the
     * time it was queued), awaiting their Receipt (SENT with a Receipt due, or queued again for a resend; the oldest by
     * the time it was stored), and FAILED.
     */
    record Peer(Waiting unsent, Waiting unreceipted, long failed) {
        public static final Peer NONE = new Peer(Waiting.NONE, Waiting.NONE, 0);
    }

    /**
     * One reading: outbound work by peer, the local system's webhook notifications PENDING and FAILED, received messages
     * the local system has not acknowledged on the pull inbox (null when not read), and documents in quarantine not yet
     * resolved.
     */
    record Reading(Map<String, Peer> outbound, Waiting webhookPending, long webhookFailed, Waiting pullInbox,
                   long quarantined) {
    }

    /** Reads it all; the pull inbox only when {@code pullInbox} (a local system on webhooks never acknowledges it). */
    Reading read(boolean pullInbox);
}
