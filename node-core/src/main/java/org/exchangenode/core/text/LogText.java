package org.exchangenode.core.text;

/**
 * Makes a value that came from outside (a header field, a file name, a peer id, a reason from a peer, an exception
 * message quoting either) safe to put in a log line: control characters and line separators are escaped, so that no
 * value can end the line and forge another, and overlong values are cut.
 */
public final class LogText {
    /** Longest value kept whole; more is cut and marked with an ellipsis. */
    public static final int MAX_LENGTH = 2000;

    private LogText() {
    }

    /** {@code value} with CR, LF, TAB and every other control character as {@code \r}, {@code \n}, {@code \t}, {@code \}{@code uXXXX}. */
    public static String escape(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = null;
        int length = Math.min(text.length(), MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        String escaped = out == null ? text.substring(0, length) : out.toString();
        return text.length() > MAX_LENGTH ? escaped + "…" : escaped;
    }

    private static String replacement(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        // C0/C1 controls, the Unicode line and paragraph separators, and the bidirectional overrides that make a
        // line read other than it is
        boolean unsafe = Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069';
        return unsafe ? String.format("\\u%04x", (int) c) : null;
    }
}
