package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** Sending: the outbox relay to the broker ({@code node.relay}) and resending without a Receipt ({@code node.delivery}). */
@ConfigMapping(prefix = "node")
public interface OutboundConfig {

    Relay relay();

    Delivery delivery();

    interface Relay {
        /** How often the outbox relay looks for messages to send when nothing woke it. */
        @WithDefault("PT0.5S")
        @DurationMin(millis = 1)
        Duration pollInterval();

        /** Messages sent per broker transaction. */
        @WithDefault("200")
        @Min(1)
        int batchSize();

        /** Wait before retrying a send that failed because the broker was unreachable. */
        @WithDefault("PT2S")
        @DurationMin(millis = 1)
        Duration retryDelay();

        /**
         * Sends of one message the broker may refuse (the message itself: a peer's inbox not set up, no permission to
         * send there) before it is FAILED with BROKER_REFUSED; the other messages go on meanwhile.
         */
        @WithDefault("8")
        @Min(1)
        int maxRefusals();

        /** Wait after a message's first refusal; it doubles after each further one, up to {@link #maxRefusalDelay()}. */
        @WithDefault("PT30S")
        @DurationMin(millis = 1)
        Duration refusalDelay();

        @WithDefault("PT30M")
        @DurationMin(millis = 1)
        Duration maxRefusalDelay();
    }

    /** Resending business messages whose Receipt does not come (the rules of node-core's {@code ResendPolicy}). */
    interface Delivery {
        /** Wait for a Receipt after the first send; each resend waits {@code backoff-multiplier} times longer. */
        @WithDefault("PT5M")
        @DurationMin(millis = 1)
        Duration receiptTimeout();

        @WithDefault("2.0")
        @DecimalMin("1")
        double backoffMultiplier();

        /** The longest wait for a Receipt, however many resends. */
        @WithDefault("PT1H")
        @DurationMin(millis = 1)
        Duration maxReceiptTimeout();

        /** Random spread of each wait, so that resends after an outage do not all leave at once (0.2 = ±20 %). */
        @WithDefault("0.2")
        @DecimalMin("0")
        @DecimalMax(value = "1", inclusive = false)
        double jitter();

        /** Sends in all (the first and the resends); without a Receipt after the last one the message is FAILED. */
        @WithDefault("5")
        @Min(1)
        int maxSends();

        /** How often the node looks for messages whose Receipt is overdue. */
        @WithDefault("PT5S")
        @DurationMin(millis = 1)
        Duration checkInterval();
    }
}
