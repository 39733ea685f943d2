package org.exchangenode.core.text;

import java.util.regex.Pattern;

/**
 * Hides secrets in configuration values before anything shows them (logs, health, audit entries, command output).
 * One rule for every place: a setting whose key names a password, secret, token, passphrase or credential is shown
 * as {@value #HIDDEN}; in any other value (URLs above all: broker, JDBC), every {@code key=value} parameter whose key
 * names one is hidden up to the next {@code &}, {@code ;} or blank, and so is the password of a URL's user-info
 * ({@code scheme://user:password@host}). When in doubt it hides more, never less.
 */
public final class Redaction {
    /** What a hidden secret is shown as. */
    public static final String HIDDEN = "***";
    private static final String SECRET_WORDS = "password|passwd|pwd|secret|token|passphrase|credential";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(" + SECRET_WORDS + ").*");
    /** A parameter {@code …password…=value} in a query ({@code ?a=b&c=d}), a JDBC URL ({@code ;k=v}) or free text. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([A-Za-z0-9_.\\-]*(?:" + SECRET_WORDS + ")[A-Za-z0-9_.\\-]*\\s*=\\s*)[^&;\\s]*");
    /** The password part of user-info, {@code //user:password@}, up to the last '@' (a password may hold one). */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:\\s]*:)[^/\\s]*(@)");

    private Redaction() {
    }

    /** The value of setting {@code key} as it may be shown. */
    public static String setting(String key, String value) {
        if (value == null) {
            return null;
        }
        if (key != null && SECRET_KEY.matcher(key).matches()) {
            return value.isEmpty() ? "" : HIDDEN;
        }
        return text(value);
    }

    /** A URL, or any text that may quote one (an exception's message), with its secrets hidden. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        String hidden = USER_INFO.matcher(value).replaceAll("$1" + HIDDEN + "$2");
        return SECRET_PARAMETER.matcher(hidden).replaceAll("$1" + HIDDEN);
    }
}
