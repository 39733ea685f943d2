package org.exchangenode.routes.console;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The console's protection against cross-site requests. Every page gets a random nonce in a cookie
 * ({@link #COOKIE}: {@code /console} only, HttpOnly, SameSite=Strict) and every form it renders carries the token
 * {@code HMAC(key, user | nonce)} in the field {@link #FIELD}; a POST is done only when the field matches the cookie's
 * nonce for the user logged in. A page of another site can neither read the cookie nor compute the token, and a token
 * taken from one user's page is worth nothing in another user's session. The key is the one that encrypts the session
 * cookie ({@code quarkus.http.auth.session.encryption-key}), so instances sharing sessions share tokens; without it
 * each process draws its own, as Quarkus does for the sessions.
 */
@ApplicationScoped
public class Csrf {
    public static final String COOKIE = "exn-console-csrf";
    public static final String FIELD = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(Csrf.class);
    private static final String SESSION_KEY = "quarkus.http.auth.session.encryption-key";
    private final byte[] key;
    private final boolean drawn;

    public Csrf() {
        Optional<String> configured = ConfigProvider.getConfig().getOptionalValue(SESSION_KEY, String.class);
        this.drawn = configured.isEmpty();
        this.key = configured
                .map(secret -> sha256(("exchange-node console csrf|" + secret).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    return random;
                });
    }

    /**
     * At start: without a configured session key, says so (Quarkus's own warning, which prints the key it drew, is
     * silenced in application.properties): the key is never logged.
     */
    void onStart(@Observes StartupEvent event) {
        if (drawn) {
            LOG.warnf("%s is not set: this process drew its own console session key, so console sessions end when "
                    + "it restarts and are not valid on another instance", SESSION_KEY);
        }
    }

    /** A fresh nonce for the cookie. */
    public String nonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token the forms of {@code user}'s pages carry for this nonce. */
    public String token(String user, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((user + "|" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code token} (the form's field) is the one for this user and cookie nonce; constant time. */
    public boolean valid(String user, String nonce, String token) {
        if (user == null || nonce == null || token == null || nonce.isEmpty() || nonce.length() > 64
                || token.length() > 64) {
            return false;
        }
        return MessageDigest.isEqual(token(user, nonce).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
