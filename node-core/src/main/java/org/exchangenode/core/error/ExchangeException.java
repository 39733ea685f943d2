package org.exchangenode.core.error;

/** A failure with a code from {@link ErrorCode}; the message is safe to show (it never holds personal data). */
public class ExchangeException extends RuntimeException {
    private final ErrorCode code;

    public ExchangeException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ExchangeException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
