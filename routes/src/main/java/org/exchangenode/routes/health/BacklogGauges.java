package org.exchangenode.routes.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.ToDoubleBiFunction;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.directory.PeerDirectory;
import org.exchangenode.routes.health.Backlogs.Peer;
import org.exchangenode.routes.health.Backlogs.Reading;
import org.exchangenode.routes.health.Backlogs.Waiting;

/**
 * The gauges of what waits at this node, from one {@link Backlogs} reading per sample: per peer the letters not yet
 * on the broker, those awaiting a Receipt and those FAILED (the first two with the age of the oldest, the signal of a
 * peer that stopped answering); the local system's notifications and pull inbox; the quarantine. Every peer of the
 * directory has its series from the first sample, and a peer once seen stays at 0 rather than vanishing, so a dashboard
 * shows a quiet or drained peer as 0 and an alert resolves on a value.
 * Until the first reading the gauges are NaN (no value), never a made-up 0.
 */
@Singleton
public class BacklogGauges {
    private final Backlogs backlogs;
    private final PeerDirectory directory;
    private final boolean webhook;
    private final Set<String> peers = new ConcurrentSkipListSet<>();
    private final MultiGauge unsent;
    private final MultiGauge unsentAge;
    private final MultiGauge unreceipted;
    private final MultiGauge unreceiptedAge;
    private final MultiGauge failed;
    /** The last reading with its time, as one value: a scrape never pairs a reading with another one's time. */
    private record Snapshot(Reading reading, Instant readAt) {
    }

    private volatile Snapshot snapshot;

    public BacklogGauges(Backlogs backlogs, PeerDirectory directory, LocalSystemConfig localSystem,
                         MeterRegistry registry) {
        this.backlogs = backlogs;
        this.directory = directory;
        // the pull inbox lists every received message; a local system served by webhook need not acknowledge it
        this.webhook = localSystem.webhook().url().isPresent();
        Gauge.builder("exn.webhook.configured", this, g -> g.webhook ? 1 : 0)
                .description("1 when the local system is notified by webhook (node.local-system.webhook.url), else 0")
                .register(registry);
        this.unsent = MultiGauge.builder("exn.outbox.unsent").baseUnit("messages")
                .description("Outbound messages waiting for the broker (a first send or a resend), by peer").register(registry);
        this.unsentAge = MultiGauge.builder("exn.outbox.unsent.oldest.age").baseUnit("seconds")
                .description("Time the oldest outbound message has waited for the broker since it was queued, by peer "
                        + "(0 when none)")
                .register(registry);
        this.unreceipted = MultiGauge.builder("exn.outbox.unreceipted").baseUnit("messages")
                .description("Outbound messages sent and awaiting the peer's Receipt (resends included), by peer")
                .register(registry);
        this.unreceiptedAge = MultiGauge.builder("exn.outbox.unreceipted.oldest.age").baseUnit("seconds")
                .description("Age since it was stored of the oldest outbound message awaiting a Receipt, by peer (0 when none)")
                .register(registry);
        this.failed = MultiGauge.builder("exn.outbound.failed").baseUnit("messages")
                .description("Outbound messages FAILED now (no Receipt after the last send, or refused by the broker), by peer")
                .register(registry);
        gauge(registry, "exn.quarantine", "messages", "Inbound documents in quarantine now (not resolved)",
                (r, at) -> r.quarantined());
        gauge(registry, "exn.webhook.backlog", "messages", "Notifications waiting for the local system's webhook",
                (r, at) -> r.webhookPending().count());
        gauge(registry, "exn.webhook.backlog.oldest.age", "seconds",
                "Age of the oldest notification waiting for the webhook (0 when none)", (r, at) -> age(r.webhookPending(), at));
        gauge(registry, "exn.webhook.failed", "messages", "Notifications the webhook gave up on (FAILED)",
                (r, at) -> r.webhookFailed());
        // not read for a local system on webhooks: no value rather than a count of everything ever received
        gauge(registry, "exn.pull.inbox.backlog", "messages",
                "Received messages the local system has not acknowledged on the pull inbox (no value with a webhook)",
                (r, at) -> r.pullInbox() == null ? Double.NaN : r.pullInbox().count());
        gauge(registry, "exn.pull.inbox.backlog.oldest.age", "seconds",
                "Age of the oldest unacknowledged message on the pull inbox (0 when none, no value with a webhook)",
                (r, at) -> r.pullInbox() == null ? Double.NaN : age(r.pullInbox(), at));
        Gauge.builder("exn.metrics.sample.timestamp", this,
                        g -> g.snapshot == null ? Double.NaN : g.snapshot.readAt().getEpochSecond())
                .baseUnit("seconds").description("When the database was last read for these gauges (Unix time)")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String help,
                       ToDoubleBiFunction<Reading, Instant> value) {
        Gauge.builder(name, this, g -> {
            Snapshot current = g.snapshot;
            return current == null ? Double.NaN : value.applyAsDouble(current.reading(), current.readAt());
        }).baseUnit(unit).description(help).register(registry);
    }

    /** Reads the database once and sets every gauge; a failure leaves the last values and the sample time as they were. */
    public void sample() {
        Reading reading = backlogs.read(!webhook);
        // the machine's time, as the stores write it (not the business clock of due dates)
        snapshot = new Snapshot(reading, Instant.now());
        boolean morePeers = peers.addAll(directory.peerIds());
        morePeers |= peers.addAll(reading.outbound().keySet());
        if (morePeers) {
            rows(unsent, (p, at) -> p.unsent().count());
            rows(unsentAge, (p, at) -> age(p.unsent(), at));
            rows(unreceipted, (p, at) -> p.unreceipted().count());
            rows(unreceiptedAge, (p, at) -> age(p.unreceipted(), at));
            rows(failed, (p, at) -> p.failed());
        }
    }

    /**
     * A row per peer that reads the snapshot when scraped. Rows are added when a peer appears and never removed and
     * registered again: a series missing from one scrape would reset an alert's {@code for}.
     */
    private void rows(MultiGauge gauge, ToDoubleBiFunction<Peer, Instant> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String peer : peers) {
            rows.add(MultiGauge.Row.of(Tags.of("peer", peer), this, g -> {
                Snapshot current = g.snapshot;
                return current == null ? Double.NaN : value.applyAsDouble(
                        current.reading().outbound().getOrDefault(peer, Peer.NONE), current.readAt());
            }));
        }
        gauge.register(rows, false);
    }

    /** Ages are as of the reading: between samples they stand still, as the counts do. */
    private static double age(Waiting waiting, Instant at) {
        if (waiting.oldest() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(waiting.oldest(), at).toMillis() / 1000.0);
    }
}
