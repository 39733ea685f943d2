package org.exchangenode.routes.console;

/** A console request refused: answered with the refusal page, the status and the text under {@code key}. */
public class ConsoleRefused extends RuntimeException {
    private final int status;
    private final String key;

    public ConsoleRefused(int status, String key) {
        super(key, null, false, false);
        this.status = status;
        this.key = key;
    }

    public int status() {
        return status;
    }

    public String key() {
        return key;
    }
}
