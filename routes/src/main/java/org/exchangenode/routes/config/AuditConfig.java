package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The tamper-evident audit log (prefix {@code node.audit}). */
@ConfigMapping(prefix = "node.audit")
public interface AuditConfig {
    /** Keep the tamper-evident log (issue 5). Off only to measure what it costs. */
    @WithDefault("true")
    boolean enabled();

    /** How often the chain head is signed (only when it moved); it is also signed at shutdown. */
    @WithDefault("PT5M")
    @DurationMin(millis = 1)
    Duration checkpointInterval();

    /** Entries older than this move into sealed archive files; none are moved when absent. */
    Optional<@DurationMin(millis = 1) Duration> retainFor();

    /** How often retention looks for entries to archive. */
    @WithDefault("PT1H")
    @DurationMin(millis = 1)
    Duration archiveInterval();

    /** Where sealed archive files go. */
    @WithDefault("${node.data-dir}/audit-archive")
    Path archiveDir();
}
