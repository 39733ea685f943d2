package org.exchangenode.routes.crypto;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.exchangenode.core.signing.Revocations;

/**
 * When each loaded CRL is due to be replaced ({@code exn_crl_next_update_timestamp_seconds{issuer}}, Unix time; the
 * alert compares it with {@code time()}). The issuer is a CA's distinguished name, never a person's. Refreshed at each
 * sample, since the lists are reloaded when their files change.
 */
@Singleton
public class CrlGauges {
    private final RevocationLists crls;
    private final MultiGauge nextUpdate;

    public CrlGauges(RevocationLists crls, MeterRegistry registry) {
        this.crls = crls;
        this.nextUpdate = MultiGauge.builder("exn.crl.next.update.timestamp").baseUnit("seconds")
                .description("When the CA's current CRL is due to be replaced (Unix time), by issuer").register(registry);
    }

    public void sample() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Revocations.Summary crl : crls.current().summaries()) {
            if (crl.nextUpdate() != null) {
                rows.add(MultiGauge.Row.of(Tags.of("issuer", crl.issuer()), crl.nextUpdate().getEpochSecond()));
            }
        }
        nextUpdate.register(rows, true);
    }
}
