package org.exchangenode.routes.audit;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.exchangenode.core.audit.Checkpoint;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.routes.jdbc.AuditLog;
import org.jboss.logging.Logger;

/** Signs the chain head with the node's key: on a timer (only when the head moved) and at shutdown. */
@Singleton
public class AuditCheckpoints {
    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);
    private final AuditLog log;
    private final NodeCredentials credentials;

    public AuditCheckpoints(AuditLog log, NodeCredentials credentials) {
        this.log = log;
        this.credentials = credentials;
    }

    /** The checkpoint of the current head: the last one if the head has not moved since, else a new one. */
    public synchronized Optional<Checkpoint> checkpoint() {
        if (!log.enabled()) {
            return Optional.empty();
        }
        AuditHead head = log.head();
        if (head.sequence() == 0) {
            return Optional.empty();
        }
        Optional<Checkpoint> last = log.lastCheckpoint();
        if (last.isPresent() && last.get().sequence() == head.sequence()) {
            return last;
        }
        Checkpoint checkpoint = sign(head.sequence(), head.hash());
        log.saveCheckpoint(checkpoint);
        LOG.infof("audit checkpoint signed: entry %d hash %s", checkpoint.sequence(), checkpoint.headHash());
        return Optional.of(checkpoint);
    }

    /** A checkpoint of any entry (an export's seal), not stored. */
    public Checkpoint sign(long sequence, String hash) {
        return Checkpoint.sign(credentials, sequence, hash, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            LOG.warnf("no audit checkpoint at shutdown: %s (the next start or timer signs the head)", e.getMessage());
        }
    }
}
