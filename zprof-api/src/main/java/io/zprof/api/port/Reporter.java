package io.zprof.api.port;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import java.io.IOException;

/**
 * Ships events somewhere. Synchronous on purpose: the engine calls it on this reporter's own daemon worker, and
 * owns the queue, timeouts, retries, spooling and counters. Third parties write straight-line code.
 */
public interface Reporter extends AutoCloseable {
    /**
     * @param event the event and its artifacts (files stay readable for the duration of the call)
     * @return delivered, or skipped with a reason (e.g. an event this reporter does not ship)
     * @throws ReportException for a failure with a retry decision; any other {@link IOException} is retried
     */
    ReportOutcome report(ReportEvent event) throws IOException;

    /** Releases clients and connections. Idempotent. */
    @Override
    default void close() {
    }
}
