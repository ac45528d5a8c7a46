package io.zprof.core.internal.report;

import io.zprof.core.status.ReporterStatus;
import java.time.Instant;

/**
 * What one reporter's delivery has done so far: every counter {@link ReporterStatus} shows, in one place, with a
 * consistent {@link #snapshot}. Thread-safe; every method is a few instructions under this object's monitor.
 *
 * <p>The counters add up: every accepted event ({@code enqueued + recovered}) is delivered, skipped, failed for good,
 * dropped, still queued in memory or still spooled.
 */
final class ChannelCounters {
    private int spooled;
    private long spooledBytes;
    private long enqueued;
    private long recovered;
    private long delivered;
    private long skipped;
    private long attempts;
    private long retries;
    private long timeouts;
    private long failedPermanent;
    private long droppedQueueFull;
    private long refusedSpoolFull;
    private long droppedOnClose;
    private long refusedSpoolArtifacts;
    private String lastError;
    private Instant lastErrorTime;
    private Instant lastSuccess;
    private ReporterStatus.SpoolState spoolState;
    private String spoolError;

    /** @param spoolState the state before the worker opens the spool ({@code OFF} or {@code WAITING}) */
    ChannelCounters(ReporterStatus.SpoolState spoolState) {
        this.spoolState = spoolState;
    }

    /** A new event was accepted. */
    synchronized void enqueued() {
        enqueued++;
    }

    /**
     * The spool was opened and held events a previous run (or an earlier opening) left.
     *
     * @param readable entries queued for delivery
     * @param corrupt  unreadable entries, deleted: failed for good
     */
    synchronized void recovered(int readable, int corrupt) {
        recovered += readable + corrupt;
        failedPermanent += corrupt;
    }

    /** @param bytes an entry now in the spool */
    synchronized void spooled(long bytes) {
        spooled++;
        spooledBytes += bytes;
    }

    /** @param bytes an entry that left the spool for good */
    synchronized void unspooled(long bytes) {
        spooled--;
        spooledBytes -= bytes;
    }

    /** @param retry whether the event was attempted before */
    synchronized void attempt(boolean retry) {
        attempts++;
        if (retry) {
            retries++;
        }
    }

    /** @param when the event reached the server */
    synchronized void delivered(Instant when) {
        delivered++;
        lastSuccess = when;
    }

    /** The reporter chose not to send an event (its outcome said so). */
    synchronized void skipped() {
        skipped++;
    }

    /** A call was abandoned after the call timeout. */
    synchronized void timedOut() {
        timeouts++;
    }

    /**
     * @param message why
     * @param when    now
     */
    synchronized void failedPermanent(String message, Instant when) {
        failedPermanent++;
        error(message, when);
    }

    /** @param n events dropped because the queue was full */
    synchronized void droppedQueueFull(int n) {
        droppedQueueFull += n;
    }

    /** A new event the spool's byte cap refused (it waits in memory). */
    synchronized void refusedSpoolFull() {
        refusedSpoolFull++;
    }

    /** @param n events lost because delivery stopped while they were held in memory only */
    synchronized void droppedOnClose(int n) {
        droppedOnClose += n;
    }

    /** A spooled artifact named a file outside its entry and was left out. */
    synchronized void refusedSpoolArtifact() {
        refusedSpoolArtifacts++;
    }

    /**
     * @param message the last error, one line
     * @param when    now
     */
    synchronized void error(String message, Instant when) {
        lastError = message;
        lastErrorTime = when;
    }

    /**
     * @param state the spool's state
     * @param error why it is broken, or {@code null}
     */
    synchronized void spoolState(ReporterStatus.SpoolState state, String error) {
        spoolState = state;
        spoolError = error;
    }

    /**
     * The spool cannot be used: its state and, the first time, the last error, in one step (status never shows the
     * one without the other).
     *
     * @param error      why, for {@code spoolError}
     * @param lastError  the message for {@code lastError}, or {@code null} to leave it (not the first failure)
     * @param when       now
     */
    synchronized void spoolBroken(String error, String lastError, Instant when) {
        if (lastError != null) {
            error(lastError, when);
        }
        spoolState(ReporterStatus.SpoolState.BROKEN, error);
    }

    /** @return the drops counted so far, for the rate-limited warning */
    synchronized long droppedQueueFull() {
        return droppedQueueFull;
    }

    /** @return how many events are in the spool */
    synchronized int spooledCount() {
        return spooled;
    }

    /**
     * @param name   the reporter
     * @param queued events held in memory, as its channel counts them
     * @return the counters as they are now
     */
    synchronized ReporterStatus snapshot(String name, int queued) {
        return new ReporterStatus(name, queued, spooled, spooledBytes, enqueued, recovered, delivered, skipped,
                attempts, retries, timeouts, failedPermanent, droppedQueueFull, refusedSpoolFull, droppedOnClose,
                lastError, lastErrorTime, lastSuccess, spoolState, spoolError, refusedSpoolArtifacts);
    }
}
