package org.exchangenode.routes.operations;

import static org.exchangenode.core.text.LogText.escape;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.exchangenode.routes.health.NodeReadiness;
import org.jboss.logging.Logger;

/**
 * The broker as this node sees it, as of the last sample: whether a fresh connection and session open
 * ({@code exn_broker_up}), and how many of this node's dead letters wait on its queue ({@code exn_dead_letters_messages},
 * counted up to {@link #CAP}, browsing; no value when the queue could not be browsed).
 */
@Singleton
public class BrokerGauges {
    /** Counting stops here: the alert needs "more than none", an operator the list. */
    static final int CAP = 1_000;
    private static final Logger LOG = Logger.getLogger(BrokerGauges.class);
    private final NodeReadiness.BrokerCheck brokerCheck;
    private final DeadLetters deadLetters;
    private volatile double up = Double.NaN;
    private volatile double dead = Double.NaN;
    private boolean deadLettersFailing;

    public BrokerGauges(@Readiness NodeReadiness.BrokerCheck brokerCheck, DeadLetters deadLetters, MeterRegistry registry) {
        this.brokerCheck = brokerCheck;
        this.deadLetters = deadLetters;
        Gauge.builder("exn.broker.up", this, g -> g.up)
                .description("1 when the node opened a connection to its broker at the last sample, else 0").register(registry);
        Gauge.builder("exn.dead.letters", this, g -> g.dead).baseUnit("messages")
                .description("This node's dead letters on the broker (counted up to 1000)").register(registry);
    }

    public void sample() {
        // readiness's own check: a fresh connection and session, the same test as /q/health/ready
        if (brokerCheck.call().getStatus() != HealthCheckResponse.Status.UP) {
            up = 0;
            dead = Double.NaN;
            return;
        }
        up = 1;
        try {
            dead = deadLetters.count(CAP);
            deadLettersFailing = false;
        } catch (RuntimeException e) {
            if (!deadLettersFailing) {
                // once per failure, not at every sample: ExnDeadLetters cannot see anything meanwhile
                LOG.warnf("dead letters not counted (the gauge has no value until they are): %s", escape(e.getMessage()));
            }
            deadLettersFailing = true;
            dead = Double.NaN;
        }
    }
}
