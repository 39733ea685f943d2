package org.exchangenode.routes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** The agency's own business system, which sends forms and receives the ones this node receives (prefix
 * {@code node.local-system}). */
@ConfigMapping(prefix = "node.local-system")
public interface LocalSystemConfig {
    Webhook webhook();

    FileDrop fileDrop();

    Soap soap();

    /** The SOAP intake at /soap: only SOAP content types, and no calls from web pages of other origins. */
    interface Soap {
        /**
         * Web origins ({@code https://host[:port]}) whose pages may call the SOAP intake. None by default: a
         * request carrying an {@code Origin} header (a browser's) is refused, so no web page can post a form.
         */
        Optional<List<String>> allowedOrigins();
    }

    /**
     * A directory the local system drops forms into: {@code <dir>/inbox/<name>.<form-type>.(xml|json)}. Accepted
     * files move to {@code <dir>/archive/<date>/} with a {@code .accepted.txt} beside them (message id, case);
     * refused ones to {@code <dir>/error/} with a {@code .errors.txt} naming every failing field.
     */
    interface FileDrop {
        /** The drop directory; no file drop when absent. */
        Optional<Path> dir();

        @WithDefault("PT2S")
        @DurationMin(millis = 1)
        Duration pollInterval();

        /** A file younger than this is left for the next poll: it may still be being written. */
        @WithDefault("PT1S")
        @DurationMin(millis = 0)
        Duration settleTime();
    }

    interface Webhook {
        /** Where every received business message is POSTed (JSON); none when absent. */
        Optional<URI> url();

        @WithDefault("PT10S")
        @DurationMin(millis = 1)
        Duration timeout();

        /** First wait after a failed POST; each further wait doubles, up to {@code max-backoff}. */
        @WithDefault("PT5S")
        @DurationMin(millis = 1)
        Duration initialBackoff();

        @WithDefault("PT30M")
        @DurationMin(millis = 1)
        Duration maxBackoff();

        /** After this many failed POSTs the notification is FAILED (visible to operators, who can replay it). */
        @WithDefault("20")
        @Min(1)
        int maxAttempts();

        @WithDefault("PT1S")
        @DurationMin(millis = 1)
        Duration pollInterval();
    }
}
