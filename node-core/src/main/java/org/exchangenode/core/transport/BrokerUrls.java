package org.exchangenode.core.transport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The broker URL a node connects with: the configured URL (without secrets, as the installer writes it) plus the
 * key-store passwords from their own settings, which come from the environment. A password already in the URL
 * (the older form) is left as it is and wins.
 */
public final class BrokerUrls {
    private BrokerUrls() {
    }

    /** {@code url} with {@code trustStorePassword} and {@code keyStorePassword} added when given and not in it. */
    public static String withStorePasswords(String url, String trustStorePassword, String keyStorePassword) {
        StringBuilder result = new StringBuilder(url);
        append(result, "trustStorePassword", trustStorePassword);
        append(result, "keyStorePassword", keyStorePassword);
        return result.toString();
    }

    private static void append(StringBuilder url, String parameter, String value) {
        if (value == null || value.isEmpty() || url.toString().matches("(?s).*[?&]" + parameter + "=.*")) {
            return;
        }
        url.append(url.indexOf("?") < 0 ? '?' : '&').append(parameter).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
