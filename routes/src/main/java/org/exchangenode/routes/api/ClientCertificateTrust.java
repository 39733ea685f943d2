package org.exchangenode.routes.api;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;

/**
 * Refuses to start when client certificates are mapped to roles but the HTTPS listener has no CAs of its own to check
 * them against: the TLS layer would then take a certificate from any CA the JVM trusts, and its subject CN alone would
 * make it a local system. The mapping ({@code quarkus.http.auth.certificate-role-properties}) only counts together
 * with {@code quarkus.tls.trust-store.*} naming the local-system CAs (or the named TLS configuration's).
 */
@ApplicationScoped
public class ClientCertificateTrust {
    void check(@Observes StartupEvent event, TlsConfigurationRegistry registry) {
        Config config = ConfigProvider.getConfig();
        if (config.getOptionalValue("quarkus.http.auth.certificate-role-properties", String.class).isEmpty()) {
            return;
        }
        // HTTPS set up the older way, without the TLS registry: the listener asks for client certificates all the same
        boolean legacyKeys = config.getOptionalValue("quarkus.http.ssl.certificate.files", String.class).isPresent()
                || config.getOptionalValue("quarkus.http.ssl.certificate.key-store-file", String.class).isPresent();
        if (legacyKeys && config.getOptionalValue("quarkus.http.ssl.certificate.trust-store-file", String.class)
                .isEmpty()) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "quarkus.http.auth.certificate-role-properties "
                    + "maps client certificates to roles, but quarkus.http.ssl.certificate.trust-store-file names no CA "
                    + "of local systems: set it (or use the TLS registry's quarkus.tls.trust-store) to the CAs that issue "
                    + "the local systems' certificates");
        }
        Optional<String> name = config.getOptionalValue("quarkus.http.tls-configuration-name", String.class);
        Optional<TlsConfiguration> tls = name.isPresent() ? registry.get(name.get()) : registry.getDefault();
        if (tls.isEmpty() || tls.get().getKeyStore() == null) {
            return; // no HTTPS listener: no client certificate is ever seen
        }
        String prefix = name.map(n -> "quarkus.tls." + n + ".").orElse("quarkus.tls.");
        if (tls.get().isTrustAll() || tls.get().getTrustStore() == null) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "quarkus.http.auth.certificate-role-properties "
                    + "maps client certificates to roles, but " + prefix + "trust-store names no CA of local systems"
                    + (tls.get().isTrustAll() ? " (" + prefix + "trust-all is set)" : "")
                    + ": set it to the CAs that issue the local systems' certificates");
        }
    }
}
