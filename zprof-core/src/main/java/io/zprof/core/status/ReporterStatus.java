package io.zprof.core.status;

import java.time.Instant;

/**
 * A snapshot of one reporter's delivery. Every event the dispatcher accepted or recovered from the spool ends up
 * in exactly one of {@code delivered}, {@code skipped}, {@code failedPermanent}, {@code droppedQueueFull},
 * {@code droppedOnClose}, or is still waiting ({@code queued} or {@code spooled}):
 * {@code enqueued + recovered = delivered + skipped + failedPermanent + droppedQueueFull + droppedOnClose
 * + queued + spooled}, except for {@code droppedOnClose} of events offered after the shutdown of delivery,
 * which are counted there and in neither of the first two.
 *
 * @param name             the reporter's name
 * @param queued           events waiting in memory only (not in the spool), including one being sent
 * @param spooled          events waiting in the spool, including one being sent
 * @param spooledBytes     bytes this reporter's spool holds (event files and artifacts)
 * @param enqueued         events offered to this reporter since the dispatcher was created
 * @param recovered        events found in the spool at start-up, left by a previous run
 * @param delivered        events the reporter delivered
 * @param skipped          events the reporter chose not to send (e.g. no artifact it can ship)
 * @param attempts         calls to the reporter
 * @param retries          calls that repeated an earlier failed attempt of the same event
 * @param timeouts         calls abandoned after {@code zprof.report.calltimeout}
 * @param failedPermanent  events given up after a non-retryable failure (also unreadable spool entries)
 * @param droppedQueueFull events lost because the in-memory queue was full (the oldest goes first)
 * @param refusedSpoolFull events the spool refused because its byte cap was reached; they are still attempted
 *                         from memory, but are no longer protected against restarts or queue overflow
 * @param droppedOnClose   events lost at shutdown (in memory only and not delivered in time) or offered after it
 * @param lastError        the last delivery problem, or {@code null}; never contains credentials
 * @param lastErrorTime    when it happened, or {@code null}
 * @param lastSuccess      when an event was last delivered, or {@code null}
 * @param spoolState       whether this reporter's spool is in use (see {@link SpoolState})
 * @param spoolError       why the spool cannot be used while it is {@link SpoolState#BROKEN}, else {@code null}; kept
 *                         apart from {@code lastError}, which later delivery errors overwrite
 * @param refusedSpoolArtifacts artifacts of spooled events left out because their entry named a file outside its own
 *                         directory (an edited {@code event.json}): they are never handed to the reporter
 */
public record ReporterStatus(String name, int queued, int spooled, long spooledBytes, long enqueued, long recovered,
                             long delivered, long skipped, long attempts, long retries, long timeouts,
                             long failedPermanent, long droppedQueueFull, long refusedSpoolFull, long droppedOnClose,
                             String lastError, Instant lastErrorTime, Instant lastSuccess, SpoolState spoolState,
                             String spoolError, long refusedSpoolArtifacts) {

    /** The state of a reporter's spool. */
    public enum SpoolState {
        /** Spooling is off ({@code zprof.report.spool.enabled=false}). */
        OFF,
        /** Not open yet: the worker is starting, or the channel it replaced (new spool settings) still holds the spool. */
        WAITING,
        /** In use: new events are written to it before their first attempt. */
        OK,
        /**
         * Cannot be used (deleted and not recreatable, not writable, held by another process): events wait in memory
         * only, and the worker tries again to open it, recreating it 0700, and then writes them to it.
         */
        BROKEN
    }
}
