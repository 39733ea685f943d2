package org.exchangenode.routes.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.exchangenode.core.audit.AuditEntry;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.routes.config.AuditConfig;
import org.exchangenode.routes.jdbc.AuditLog;

/**
 * How current the signing of the audit log is. A checkpoint is signed only when the chain head moved, so the age of
 * the last checkpoint grows on a quiet node without anything being wrong; what must not grow is the age of the oldest
 * entry no checkpoint covers yet ({@code exn_audit_unsigned_oldest_age_seconds}), which the checkpoint timer keeps
 * below about one {@code node.audit.checkpoint-interval}. Both are as of the last sample.
 */
@Singleton
public class AuditGauges {
    private final AuditLog log;
    private volatile double checkpointAge = Double.NaN;
    private volatile double unsignedAge = Double.NaN;

    public AuditGauges(AuditLog log, AuditConfig config, MeterRegistry registry) {
        this.log = log;
        Gauge.builder("exn.audit.checkpoint.age", this, g -> g.checkpointAge).baseUnit("seconds")
                .description("Time since the last signed audit checkpoint (none yet: no value)").register(registry);
        Gauge.builder("exn.audit.unsigned.oldest.age", this, g -> g.unsignedAge).baseUnit("seconds")
                .description("Age of the oldest audit entry not yet covered by a signed checkpoint (0 when the head is signed)")
                .register(registry);
        double interval = config.checkpointInterval().toMillis() / 1000.0;
        Gauge.builder("exn.audit.checkpoint.interval", this, g -> interval).baseUnit("seconds")
                .description("The configured node.audit.checkpoint-interval").register(registry);
    }

    /** Reads the head, the last checkpoint and the first entry after it. */
    public void sample() {
        // the machine's time, as the log writes its entries (not the business clock of due dates)
        Instant now = Instant.now();
        Optional<Checkpoint> last = log.lastCheckpoint();
        checkpointAge = last.map(c -> seconds(c.time(), now)).orElse(Double.NaN);
        long signedUpTo = last.map(Checkpoint::sequence).orElse(0L);
        if (!log.enabled() || log.head().sequence() <= signedUpTo) {
            unsignedAge = 0;
            return;
        }
        // the first entry after the checkpoint that the log still holds (not necessarily the very next sequence)
        List<AuditEntry> next = log.entries(signedUpTo + 1, Long.MAX_VALUE, 1);
        unsignedAge = next.isEmpty() ? 0 : seconds(next.get(0).time(), now);
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
