package org.exchangenode.routes.console;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;

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

    private final byte[] key;

    public Csrf() {
        this.key = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.auth.session.encryption-key", String.class)
                .map(secret -> sha256(("exchange-node console csrf|" + secret).getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    RANDOM.nextBytes(random);
                    return random;
                });
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
