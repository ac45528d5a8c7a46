package io.zprof.core.status;

import java.time.Instant;

/**
 * Delivery counters of one reporter: what was delivered, retried, spooled and dropped, and why.
 *
 * @param name             reporter name
 * @param queued           events waiting in memory
 * @param spooled          events waiting on disk
 * @param spooledBytes     bytes waiting on disk (events and artifacts)
 * @param delivered        events delivered
 * @param skipped          events the reporter chose not to send (e.g. no JFR artifact)
 * @param attempts         delivery attempts
 * @param retries          attempts after a retryable failure
 * @param failedPermanent  events given up after a final error (e.g. HTTP 400)
 * @param droppedQueueFull events dropped because the in-memory queue was full
 * @param refusedSpoolFull events refused because the spool was at its byte cap
 * @param lastError        the last failure, without secrets, or empty
 * @param lastSuccess      when the last delivery succeeded, or {@code null}
 */
public record ReporterStatus(String name, int queued, int spooled, long spooledBytes, long delivered, long skipped,
                             long attempts, long retries, long failedPermanent, long droppedQueueFull,
                             long refusedSpoolFull, String lastError, Instant lastSuccess) {
}
