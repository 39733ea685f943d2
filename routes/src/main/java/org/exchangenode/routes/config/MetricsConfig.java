package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** The gauges sampled from the database and the broker for {@code /q/metrics} (prefix {@code node.metrics}). */
@ConfigMapping(prefix = "node.metrics")
public interface MetricsConfig {
    /**
     * How often each instance reads the backlogs, the audit log's signing and the broker for its gauges. Each reading is
     * a few indexed counts; Prometheus scraping more often than this sees the same values.
     */
    @WithDefault("PT15S")
    @DurationMin(millis = 100)
    Duration sampleInterval();
}
