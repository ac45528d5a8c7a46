package io.zprof.core.internal.report;

import io.zprof.api.port.ReportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;

/**
 * Why one attempt failed, and whether trying again can help.
 *
 * @param retryable  whether a later attempt may succeed
 * @param retryAfter the delay the server asked for, or {@code null}
 * @param timedOut   whether the call was abandoned after {@code callTimeout}
 * @param message    a one-line description for status and logs (reporters never put credentials in messages)
 * @param cause      the exception, kept for a stack trace when the reporter itself is broken; may be {@code null}
 */
record Failure(boolean retryable, Duration retryAfter, boolean timedOut, String message, Throwable cause) {

    /**
     * @param callTimeout the limit that was exceeded
     * @return the failure of a call abandoned after the limit
     */
    static Failure timeout(Duration callTimeout) {
        return new Failure(true, null, true, "report() did not return within " + callTimeout, null);
    }

    /**
     * @param message why no call could be made
     * @return a retryable failure without an exception
     */
    static Failure retryLater(String message) {
        return new Failure(true, null, false, message, null);
    }

    /**
     * Classifies what a reporter threw.
     * <ul>
     *   <li>{@link ReportException}: as the reporter decided;</li>
     *   <li>{@link FileSystemException} (a missing or unreadable artifact): final, since retrying cannot bring the
     *       file back;</li>
     *   <li>any other {@link IOException} or an {@link UncheckedIOException}: a network problem, retryable;</li>
     *   <li>a {@link VirtualMachineError}: the JVM was short of memory or stack, not the event's fault: retryable;</li>
     *   <li>anything else: a bug in the reporter that the same input will hit again: final.</li>
     * </ul>
     *
     * @param t what {@code report()} threw
     * @return the classification
     */
    static Failure of(Throwable t) {
        if (t instanceof UncheckedIOException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ReportException re) {
            return new Failure(re.retryable(), re.retryAfter(), false, describe(t), null);
        }
        if (t instanceof FileSystemException) {
            return new Failure(false, null, false, describe(t), null);
        }
        if (t instanceof IOException || t instanceof VirtualMachineError) {
            return new Failure(true, null, false, describe(t), null);
        }
        return new Failure(false, null, false, "reporter failed unexpectedly: " + describe(t), t);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String text = m == null || m.isBlank() ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + m;
        return text.replace('\n', ' ').replace('\r', ' ');
    }
}
