package org.exchangenode.routes.health;

import static org.exchangenode.core.text.LogText.escape;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.exchangenode.routes.audit.AuditGauges;
import org.exchangenode.routes.crypto.CrlGauges;
import org.exchangenode.routes.operations.BrokerGauges;
import org.jboss.logging.Logger;

/**
 * One sample of the gauges read from outside the JVM: the database's backlogs and audit signing, the broker, the CRLs.
 * Each part fails on its own (a database that does not answer leaves the broker's gauges current), keeps its last values,
 * and is logged once per new cause, not at every sample; {@code exn_metrics_sample_timestamp_seconds} then stands still,
 * which is what ExnMetricsStale watches.
 */
@Singleton
public class HealthSampler {
    private static final Logger LOG = Logger.getLogger(HealthSampler.class);
    private final BacklogGauges backlogs;
    private final AuditGauges audit;
    private final BrokerGauges broker;
    private final CrlGauges crls;
    private final Map<String, String> failing = new HashMap<>();

    public HealthSampler(BacklogGauges backlogs, AuditGauges audit, BrokerGauges broker, CrlGauges crls) {
        this.backlogs = backlogs;
        this.audit = audit;
        this.broker = broker;
        this.crls = crls;
    }

    public synchronized void sample() {
        part("backlogs", backlogs::sample);
        part("audit", audit::sample);
        part("broker", broker::sample);
        part("crls", crls::sample);
    }

    private void part(String name, Runnable sample) {
        try {
            sample.run();
            if (failing.remove(name) != null) {
                LOG.infof("metrics: the %s gauges are read again", name);
            }
        } catch (RuntimeException e) {
            String cause = String.valueOf(e.getMessage());
            if (!cause.equals(failing.put(name, cause))) {
                LOG.warnf("metrics: the %s gauges keep their last values: %s", name, escape(cause));
            }
        }
    }
}
