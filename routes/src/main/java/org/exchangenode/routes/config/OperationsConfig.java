package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** Governed operator actions (prefix {@code node.operations}). */
@ConfigMapping(prefix = "node.operations")
public interface OperationsConfig {
    /**
     * The most messages (or dead letters) one operator may replay alone; a larger replay is stored as a request that
     * another operator must approve (four eyes).
     */
    @WithDefault("10")
    @Min(1)
    int fourEyesThreshold();

    /** How long a replay request waits for the second operator before it expires (undecided, nothing replayed). */
    @WithDefault("P3D")
    @DurationMin(minutes = 1)
    Duration replayRequestExpiry();
}
