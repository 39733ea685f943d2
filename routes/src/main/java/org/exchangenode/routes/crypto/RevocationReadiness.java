package org.exchangenode.routes.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.exchangenode.core.signing.Revocations;

/**
 * Readiness of revocation checking (at /q/health/ready) when {@code node.trust.crls} is set: DOWN, naming the CA, when
 * a CRL in use is past its next update or a trust anchor has no CRL at all — messages are then checked against
 * revocation information the CA no longer vouches for, so the node must not look ready. Judged on the clock inbound
 * messages are checked with.
 */
@Readiness
@ApplicationScoped
public class RevocationReadiness implements HealthCheck {
    private final RevocationLists crls;
    private final Clock clock;

    public RevocationReadiness(RevocationLists crls, @WireClock Clock clock) {
        this.crls = crls;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("crls");
        if (!crls.configured()) {
            return response.up().withData("crls", "not configured").build();
        }
        List<String> problems = new ArrayList<>();
        Instant now = clock.instant();
        for (Revocations.Summary crl : crls.current().summaries()) {
            if (crl.nextUpdate() != null && crl.nextUpdate().isBefore(now)) {
                problems.add("the CRL of " + crl.issuer() + " is stale: its next update was due on " + crl.nextUpdate());
            }
        }
        crls.missing().forEach(issuer -> problems.add("no CRL of " + issuer + " (put the CA's CRL in node.trust.crls)"));
        response.withData("crls", crls.current().summaries().size());
        return problems.isEmpty() ? response.up().build()
                : response.down().withData("reason", String.join("; ", problems)).build();
    }
}
