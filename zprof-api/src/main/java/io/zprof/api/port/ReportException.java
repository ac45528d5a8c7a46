package io.zprof.api.port;

import java.io.IOException;
import java.time.Duration;

/**
 * A failed delivery, with what the engine needs to decide whether to try again. Plain {@link IOException}s
 * thrown by a reporter are treated as retryable network errors.
 */
public class ReportException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Whether a later attempt may succeed. */
    private final boolean retryable;
    private final transient Duration retryAfter;

    /**
     * @param message    what went wrong; must never contain credentials
     * @param retryable  whether a later attempt may succeed (408, 429, 5xx, I/O errors)
     * @param retryAfter the server's {@code Retry-After}, or {@code null}
     */
    public ReportException(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** @return whether a later attempt may succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return the delay the server asked for, or {@code null} */
    public Duration retryAfter() {
        return retryAfter;
    }
}
