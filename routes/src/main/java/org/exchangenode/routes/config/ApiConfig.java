package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** The REST and SOAP API's own guards beyond Quarkus's security (prefix {@code node.api}). */
@ConfigMapping(prefix = "node.api")
public interface ApiConfig {
    LoginThrottle loginThrottle();

    /**
     * Failed logins (HTTP basic) counted per user and per address: after {@code max-failures} within {@code window}
     * the user, or the address, is locked out for {@code lockout}, doubled at each further lockout up to
     * {@code max-lockout}; while locked, a login is answered 429 with {@code Retry-After} before any password is checked.
     */
    interface LoginThrottle {
        @WithDefault("5")
        @Min(1)
        int maxFailures();

        @WithDefault("PT5M")
        @DurationMin(millis = 1)
        Duration window();

        @WithDefault("PT1M")
        @DurationMin(millis = 1)
        Duration lockout();

        @WithDefault("PT1H")
        @DurationMin(millis = 1)
        Duration maxLockout();

        /** Users and addresses followed at once; beyond it idle ones are forgotten first (a bound on memory). */
        @WithDefault("10000")
        @Min(1)
        int maxTracked();
    }
}
