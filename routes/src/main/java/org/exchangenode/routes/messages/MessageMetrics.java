package org.exchangenode.routes.messages;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.exchangenode.core.exchange.Direction;
import org.exchangenode.core.exchange.MessageStatus;

/**
 * Prometheus counters of messages entering each status, by direction and type
 * ({@code exn_messages_total{direction,type,status}}), of refused inbound documents by error code
 * ({@code exn_quarantined_total{code}}) and of those not answered with an Error
 * ({@code exn_quarantined_unanswered_total{code}}), and of inbound messages rolled back for redelivery
 * ({@code exn_inbound_retries_total}).
 */
@Singleton
public class MessageMetrics {
    private final MeterRegistry registry;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        Counter.builder("exn.quarantined").description("Inbound documents refused and quarantined, by error code")
                .tag("code", code).register(registry).increment();
    }

    /** A quarantined document got no Error: its signature did not verify, its sender is no peer, or it is a Receipt or Error. */
    public void quarantinedUnanswered(String code) {
        Counter.builder("exn.quarantined.unanswered")
                .description("Inbound documents quarantined without an Error to the claimed sender, by error code")
                .tag("code", code).register(registry).increment();
    }
}
