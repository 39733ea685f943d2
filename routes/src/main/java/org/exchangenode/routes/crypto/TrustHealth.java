package org.exchangenode.routes.crypto;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.exchangenode.core.signing.NodeCredentials;
import org.exchangenode.core.signing.Revocations;

/**
 * The node's identity and the revocation lists (at /q/health and /q/health/well): DOWN when the node's certificate
 * has expired, when the CRL directory no longer loads, or when a CRL is past its next update (fetch the new one from
 * the CA); the data say how many days the certificate has left and {@code expiresSoon} from 30 days. The gauge
 * {@code exn_certificate_days_to_expiry{node}} is for alerting, registered at start (not at the first health call).
 */
@Wellness
@Startup
@ApplicationScoped
public class TrustHealth implements HealthCheck {
    static final int WARN_DAYS = 30;
    private final NodeCredentials credentials;
    private final RevocationLists crls;

    public TrustHealth(NodeCredentials credentials, RevocationLists crls, MeterRegistry registry) {
        this.credentials = credentials;
        this.crls = crls;
        Gauge.builder("exn.certificate.days.to.expiry", this, TrustHealth::daysLeft)
                .description("Days until the node's own certificate expires").tag("node", credentials.nodeId())
                .register(registry);
    }

    double daysLeft() {
        return Duration.between(Instant.now(), credentials.certificate().getNotAfter().toInstant()).toHours() / 24.0;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> problems = new ArrayList<>();
        long days = (long) Math.floor(daysLeft());
        HealthCheckResponseBuilder response = HealthCheckResponse.named("trust")
                .withData("certificateExpires", credentials.certificate().getNotAfter().toInstant().toString())
                .withData("certificateDaysLeft", days)
                .withData("expiresSoon", days < WARN_DAYS);
        if (days < 0) {
            problems.add("the node's certificate expired on " + credentials.certificate().getNotAfter().toInstant());
        }
        crls.loadError().ifPresent(problems::add);
        problems.addAll(crls.refused());
        for (Revocations.Summary crl : crls.current().summaries()) {
            if (crl.nextUpdate() != null && crl.nextUpdate().isBefore(Instant.now())) {
                problems.add("the CRL of " + crl.issuer() + " was due for renewal on " + crl.nextUpdate()
                        + ": put the CA's new CRL in node.trust.crls");
            }
        }
        response.withData("crls", crls.current().summaries().size());
        return problems.isEmpty() ? response.up().build()
                : response.down().withData("reason", String.join("; ", problems)).build();
    }
}
