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
import java.util.function.ToDoubleFunction;
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
    private volatile Reading last;
    private volatile Instant readAt;

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
                r -> r.quarantined());
        gauge(registry, "exn.webhook.backlog", "messages", "Notifications waiting for the local system's webhook",
                r -> r.webhookPending().count());
        gauge(registry, "exn.webhook.backlog.oldest.age", "seconds",
                "Age of the oldest notification waiting for the webhook (0 when none)", r -> age(r.webhookPending(), readAt));
        gauge(registry, "exn.webhook.failed", "messages", "Notifications the webhook gave up on (FAILED)",
                r -> r.webhookFailed());
        // not read for a local system on webhooks: no value rather than a count of everything ever received
        gauge(registry, "exn.pull.inbox.backlog", "messages",
                "Received messages the local system has not acknowledged on the pull inbox (no value with a webhook)",
                r -> r.pullInbox() == null ? Double.NaN : r.pullInbox().count());
        gauge(registry, "exn.pull.inbox.backlog.oldest.age", "seconds",
                "Age of the oldest unacknowledged message on the pull inbox (0 when none, no value with a webhook)",
                r -> r.pullInbox() == null ? Double.NaN : age(r.pullInbox(), readAt));
        Gauge.builder("exn.metrics.sample.timestamp", this, g -> g.readAt == null ? Double.NaN : g.readAt.getEpochSecond())
                .baseUnit("seconds").description("When the database was last read for these gauges (Unix time)")
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String help, ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, g -> g.last == null ? Double.NaN : value.applyAsDouble(g.last))
                .baseUnit(unit).description(help).register(registry);
    }

    /** Reads the database once and sets every gauge; a failure leaves the last values and the sample time as they were. */
    public void sample() {
        Reading reading = backlogs.read(!webhook);
        // the machine's time, as the stores write it (not the business clock of due dates)
        Instant now = Instant.now();
        peers.addAll(directory.peerIds());
        peers.addAll(reading.outbound().keySet());
        List<MultiGauge.Row<?>> unsentRows = new ArrayList<>();
        List<MultiGauge.Row<?>> unsentAgeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> unreceiptedRows = new ArrayList<>();
        List<MultiGauge.Row<?>> unreceiptedAgeRows = new ArrayList<>();
        List<MultiGauge.Row<?>> failedRows = new ArrayList<>();
        for (String peer : peers) {
            Peer backlog = reading.outbound().getOrDefault(peer, Peer.NONE);
            Tags tags = Tags.of("peer", peer);
            unsentRows.add(MultiGauge.Row.of(tags, backlog.unsent().count()));
            unsentAgeRows.add(MultiGauge.Row.of(tags, age(backlog.unsent(), now)));
            unreceiptedRows.add(MultiGauge.Row.of(tags, backlog.unreceipted().count()));
            unreceiptedAgeRows.add(MultiGauge.Row.of(tags, age(backlog.unreceipted(), now)));
            failedRows.add(MultiGauge.Row.of(tags, backlog.failed()));
        }
        unsent.register(unsentRows, true);
        unsentAge.register(unsentAgeRows, true);
        unreceipted.register(unreceiptedRows, true);
        unreceiptedAge.register(unreceiptedAgeRows, true);
        failed.register(failedRows, true);
        readAt = now;
        last = reading;
    }

    /** Ages are as of the reading: between samples they stand still, as the counts do. */
    private static double age(Waiting waiting, Instant at) {
        if (waiting.oldest() == null || at == null) {
            return 0;
        }
        return Math.max(0, Duration.between(waiting.oldest(), at).toMillis() / 1000.0);
    }
}
