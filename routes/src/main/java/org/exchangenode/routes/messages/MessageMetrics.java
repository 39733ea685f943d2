package org.exchangenode.routes.messages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * Prometheus counters of messages entering each status, by direction and type
 * ({@code exn_messages_total{direction,type,status}}), of refused inbound documents by error code
 * ({@code exn_quarantined_total{code}}) and of those not answered with an Error
 * ({@code exn_quarantined_unanswered_total{code}}), and of inbound messages rolled back for redelivery
 * ({@code exn_inbound_retries_total}); histograms of the time from storing a business message to its Receipt, by peer
 * ({@code exn_receipt_latency_seconds}), and of the handling of one inbox message, by type
 * ({@code exn_inbound_handling_seconds}). Their buckets are fixed (no client-side percentiles), so that the instances of
 * a node and several nodes add up in Prometheus.
 */
@Singleton
public class MessageMetrics {
    private static final Duration[] RECEIPT_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600);
    private static final Duration[] HANDLING_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    private final MeterRegistry registry;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
        // every code's counter from the start, at 0: increase() cannot count a series' first value, so a burst of a
        // code never seen before (or the first after a restart) would otherwise go unnoticed by a surge alert
        for (ErrorCode code : ErrorCode.values()) {
            quarantinedCounter(code.name());
        }
    }

    public void status(Direction direction, String type, MessageStatus status) {
        Counter.builder("exn.messages")
                .description("Messages that entered a status, by direction and type")
                .tag("direction", direction.name())
                .tag("type", type)
                .tag("status", status.name())
                .register(registry)
                .increment();
    }

    public void duplicate(String type) {
        Counter.builder("exn.duplicates.suppressed").description("Repeated deliveries answered with a Receipt only")
                .tag("type", type).register(registry).increment();
    }

    /** A business message is sent again because its Receipt is overdue. */
    public void resend(String type) {
        Counter.builder("exn.resends").description("Messages sent again because their Receipt was overdue")
                .tag("type", type).register(registry).increment();
    }

    /** An inbound message could not be processed for a transient reason and goes back to the broker. */
    public void inboundRetry() {
        Counter.builder("exn.inbound.retries").description("Inbound messages rolled back to the broker by a transient failure")
                .register(registry).increment();
    }

    public void quarantined(String code) {
        quarantinedCounter(code).increment();
    }

    private Counter quarantinedCounter(String code) {
        return Counter.builder("exn.quarantined").description("Inbound documents refused and quarantined, by error code")
                .tag("code", code).register(registry);
    }

    /** A quarantined document got no Error: its signature did not verify, its sender is no peer, or it is a Receipt or Error. */
    public void quarantinedUnanswered(String code) {
        Counter.builder("exn.quarantined.unanswered")
                .description("Inbound documents quarantined without an Error to the claimed sender, by error code")
                .tag("code", code).register(registry).increment();
    }

    /** A Receipt answered a business message stored {@code latency} ago (sends, resends and the peer's work included). */
    public void receiptLatency(String peer, Duration latency) {
        Timer.builder("exn.receipt.latency")
                .description("From storing an outbound business message to recording its Receipt, by peer")
                .tag("peer", peer).serviceLevelObjectives(RECEIPT_BUCKETS).register(registry).record(latency);
    }

    /**
     * One inbox message was handled (verified, stored or quarantined, answered) in {@code nanos}; {@code type} is the
     * header's type, or {@code refused} when the document was refused before its type was trusted.
     */
    public void inboundHandled(String type, long nanos) {
        Timer.builder("exn.inbound.handling")
                .description("Handling of one message taken from the inbox, until it is stored or quarantined, by type")
                .tag("type", type).serviceLevelObjectives(HANDLING_BUCKETS).register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /**
     * The inbox consumer committed {@code messages} messages in one broker transaction: the summary's count is the
     * commits, its sum the messages, so sum over count is how many messages a commit carried (1 below capacity).
     */
    public void inboundCommitted(int messages) {
        DistributionSummary.builder("exn.inbound.commit.messages")
                .description("Inbox messages acknowledged by one broker commit (several are stored in one transaction)")
                .register(registry).record(messages);
    }

    /**
     * The database ended a transaction of {@code work} to resolve a deadlock (a relay recording sent what an inbox
     * group holds answered), and it was run again. Rare and harmless; a steady rate says the relay and the groups contend.
     */
    public void deadlockRetry(String work) {
        Counter.builder("exn.database.deadlock.retries")
                .description("Transactions the database ended to resolve a deadlock and that were run again")
                .tag("work", work).register(registry).increment();
    }

    private static Duration[] seconds(double... values) {
        Duration[] buckets = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            buckets[i] = Duration.ofNanos((long) (values[i] * 1_000_000_000L));
        }
        return buckets;
    }
}
