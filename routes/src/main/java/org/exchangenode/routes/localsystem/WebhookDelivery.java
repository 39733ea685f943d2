package org.exchangenode.routes.localsystem;

import static org.exchangenode.core.text.LogText.escape;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.exchangenode.core.error.ErrorCode;
import org.exchangenode.core.error.ExchangeException;
import org.exchangenode.routes.config.LocalSystemConfig;
import org.exchangenode.routes.crypto.PayloadKeys;
import org.exchangenode.routes.instances.Claim;
import org.exchangenode.routes.instances.NodeInstance;
import org.jboss.logging.Logger;

/**
 * POSTs each received business message to the local system's webhook as JSON: {@code messageId} (the idempotency key:
 * delivery is at least once), type, case, sender, times, and the signed XML. A 2xx answer is delivery; anything else
 * (or no answer) is retried with doubling waits, and after the last attempt the notification is FAILED, visible and
 * replayable by operators. A notification that cannot even be built (no key this node holds opens its form) fails
 * alone, at once, with its code; the others go on. Nothing here is logged with personal data: only ids, codes and
 * HTTP statuses.
 *
 * <p>Several instances of one node share the notifications: each instance claims a batch and posts only what it
 * claimed, and a POST is started only while the claim will still hold when it times out, so that no other instance
 * can take the notification over while it is in flight; what is left of the batch is given back. An instance killed
 * between a POST and its record leaves a notification that is posted again after the claim expires: delivery stays at
 * least once, the message id the local system's idempotency key.
 */
@Singleton
public class WebhookDelivery {
    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    private final WebhookStore store;
    private final LocalSystemConfig.Webhook config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final PayloadKeys payloads;
    private final NodeInstance instance;

    public WebhookDelivery(WebhookStore store, LocalSystemConfig config, PayloadKeys payloads, NodeInstance instance) {
        this.payloads = payloads;
        this.instance = instance;
        this.store = store;
        this.config = config.webhook();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        if (this.config.url().isPresent() && instance.lease().compareTo(inFlight()) <= 0) {
            throw new ExchangeException(ErrorCode.CONFIGURATION_INVALID, "node.claim-lease must be longer than twice "
                    + "node.local-system.webhook.timeout (a POST may take that long while its claim holds)");
        }
    }

    /** The longest a POST takes: connecting and the answer may each take the timeout. */
    private Duration inFlight() {
        return config.timeout().multipliedBy(2);
    }

    /** Delivers what is due; returns how many were delivered. One run at a time per node instance. */
    public int deliverDue() {
        if (config.url().isEmpty() || !lock.tryLock()) {
            return 0;
        }
        try {
            int delivered = 0;
            Instant claimed = Instant.now();
            Claim claim = instance.claim(claimed);
            List<WebhookStore.Due> due = store.claim(claim, claimed, 50);
            for (WebhookStore.Due notification : due) {
                if (!claim.holdsAt(Instant.now().plus(inFlight()))) {
                    break;   // another instance could take it over while the POST is in flight: given back below
                }
                byte[] body;
                try {
                    body = body(notification);
                } catch (RuntimeException e) {
                    cannotBuild(claim, notification, e);
                    continue;
                }
                String problem = post(config.url().get(), notification, body);
                Instant now = Instant.now();
                if (problem == null) {
                    if (store.delivered(claim, notification.messageId(), now)) {
                        delivered++;
                    }
                } else {
                    int attempt = notification.attempts() + 1;
                    boolean last = attempt >= config.maxAttempts();
                    if (store.failed(claim, notification.messageId(), problem, now.plus(backoff(attempt)), last, now)) {
                        LOG.warnf("local system notification of %s %s (attempt %d): %s", notification.messageId(),
                                last ? "FAILED" : "will be retried in " + backoff(attempt), attempt, escape(problem));
                    }
                }
            }
            if (!due.isEmpty()) {
                store.release(claim);
            }
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The notification cannot be built: FAILED at once when retrying cannot help (e.g. DECRYPTION_FAILED: an operator
     * replays it once the key that opens it is configured), else retried like a failed POST.
     */
    private void cannotBuild(Claim claim, WebhookStore.Due notification, RuntimeException e) {
        ErrorCode code = e instanceof ExchangeException x ? x.code() : ErrorCode.INTERNAL;
        int attempt = notification.attempts() + 1;
        boolean last = code.permanent() || attempt >= config.maxAttempts();
        Instant now = Instant.now();
        store.failed(claim, notification.messageId(), code, "the notification cannot be built: " + e.getMessage(),
                now.plus(backoff(attempt)), last, now);
        LOG.warnf("local system notification of %s %s (attempt %d): it cannot be built (%s)", notification.messageId(),
                last ? "FAILED" : "will be retried in " + backoff(attempt), attempt, code);
    }

    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(20, attempt - 1));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** The JSON the local system is sent; throws when the form cannot be opened. */
    private byte[] body(WebhookStore.Due notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", notification.messageId());
        body.put("type", notification.type());
        body.put("conversationId", notification.conversationId());
        body.put("from", notification.from());
        body.put("to", notification.to());
        body.put("createdAt", notification.createdAt().toInstant().toString());
        body.put("receivedAt", notification.storedAt().toInstant().toString());
        body.put("signedXml", new String(notification.content(), StandardCharsets.UTF_8));
        // the form in clear, also when it travelled encrypted
        body.put("formXml", new String(payloads.formOf(notification.content()), StandardCharsets.UTF_8));
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ExchangeException(ErrorCode.INTERNAL, "cannot write the notification as JSON: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private String post(URI url, WebhookStore.Due notification, byte[] body) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url)
                            .timeout(config.timeout())
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("X-Exchange-Node-Message-Id", notification.messageId())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            // the status decides and the body is never read: the timeout ends with the headers, so an answer whose
            // body never ended held the loop, and every notification after it, for good
            response.body().close();
            return response.statusCode() / 100 == 2 ? null : "the local system answered HTTP " + response.statusCode();
        } catch (IOException e) {
            return "cannot reach the local system: " + e.getClass().getSimpleName() + " " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
