package io.zprof.core.internal.report;

import static io.zprof.core.internal.report.ReporterChannel.LOG;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import java.io.IOException;
import java.util.concurrent.ExecutionException;

/**
 * Starts one reporter call at a time and settles its outcome: delivered or skipped (the event leaves the spool),
 * failed for good (likewise, counted), or failed retryably (it waits again, as {@link RetryRounds} decides). Part of
 * a {@link ReporterChannel}'s worker; runs on its worker thread only.
 */
final class ChannelCalls {
    private final ReporterChannel c;

    /** @param channel the channel whose calls these are */
    ChannelCalls(ReporterChannel channel) {
        this.c = channel;
    }

    /**
     * Starts the call of an event: reads it back from the spool, gives up on one too old to send.
     *
     * @param p the event, now in flight
     */
    void start(Pending p) {
        ReportEvent event = p.event;
        if (event == null) {
            try {
                event = c.slot.entries().read(p.spooled, c.counters::refusedSpoolArtifact);
            } catch (IOException | RuntimeException e) {
                giveUp(p, new Failure(false, null, false, "unreadable spool entry " + p.spooled.dir() + ": " + e, null));
                return;
            }
        }
        if (c.tooOld(event)) {
            giveUp(p, new Failure(false, null, false, "older than zprof.report.retry.maxage=" + c.maxAge
                    + " (captured " + event.time() + "), not sent", null));
            return;
        }
        c.lock.lock();
        try {
            long now = c.time.nanos();
            c.counters.attempt(c.rounds.attemptStarts(p, now));
            c.callDeadline = now + c.callTimeout.toNanos();
            c.call = c.calls.start(c.reporter, event);
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * Settles a call that returned, threw or timed out.
     *
     * @param p    the event
     * @param call its call
     */
    void complete(Pending p, CallRunner.Call call) {
        ReportOutcome outcome = null;
        Failure failure = null;
        if (!call.result.isDone()) {
            c.calls.abandon(call);
            c.lock.lock();
            try {
                failure = Failure.timeout(c.callTimeout);
            } finally {
                c.lock.unlock();
            }
        } else {
            try {
                outcome = call.result.get();
            } catch (ExecutionException e) {
                failure = Failure.of(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = Failure.retryLater("interrupted");
            }
        }
        if (failure == null) {
            succeed(p, outcome);
        } else if (!failure.retryable()) {
            giveUp(p, failure);
        } else {
            retryLater(p, failure);
        }
    }

    private void succeed(Pending p, ReportOutcome outcome) {
        boolean wasDelivered = outcome == null || outcome.delivered();
        removeFromSpool(p);
        boolean recoveredNow;
        int waiting;
        c.lock.lock();
        try {
            leaveFlight(p, true);
            c.notBefore = c.time.nanos();
            if (wasDelivered) {
                c.counters.delivered(c.time.instant());
            } else {
                c.counters.skipped();
            }
            recoveredNow = c.failing;
            c.failing = false;
            waiting = c.queue.lineSize();
        } finally {
            c.lock.unlock();
        }
        if (recoveredNow) {
            LOG.info("Reporter '{}' delivers again; {} event(s) waiting", c.name, waiting);
        }
        if (wasDelivered) {
            LOG.debug("Reporter '{}' delivered event {} (attempt {})", c.name, p.id(), p.attempts);
        } else {
            LOG.debug("Reporter '{}' skipped event {}: {}", c.name, p.id(), outcome.detail());
        }
    }

    private void giveUp(Pending p, Failure f) {
        removeFromSpool(p);
        c.lock.lock();
        try {
            leaveFlight(p, true);
            c.notBefore = c.time.nanos();
            c.counters.failedPermanent(f.message(), c.time.instant());
        } finally {
            c.lock.unlock();
        }
        if (f.cause() != null) {
            LOG.warn("Reporter '{}' gave up on event {} after {} attempt(s): {}", c.name, p.id(), p.attempts,
                    f.message(), f.cause());
        } else {
            LOG.warn("Reporter '{}' gave up on event {} after {} attempt(s): {}", c.name, p.id(), p.attempts,
                    f.message());
        }
    }

    private void retryLater(Pending p, Failure f) {
        long now = c.time.nanos();
        RetryRounds.Decision d;
        c.lock.lock();
        try {
            d = c.rounds.afterFailure(p, f, now);
        } finally {
            c.lock.unlock();
        }
        if (!d.sameRound() && p.spooled != null) {
            try {
                c.slot.entries().recordAttempts(p.spooled, p.attempts, f.message());
            } catch (IOException | RuntimeException e) {
                LOG.debug("Reporter '{}': cannot record the attempts of event {}: {}", c.name, p.id(), e.toString());
            }
        }
        boolean firstFailingRound;
        int waiting;
        c.lock.lock();
        try {
            leaveFlight(p, false);
            if (f.timedOut()) {
                c.counters.timedOut();
            }
            c.noteError(f.message());
            c.notBefore = now + d.delayNanos();
            if (p.spoolWhenBack) {
                // in flight from memory when the spool became usable again: it goes to the spool like the others
                p.spoolWhenBack = false;
                c.queue.toInboxFront(p.event);
            } else {
                c.counters.droppedQueueFull(c.queue.putBack(p, d.sameRound()));
            }
            firstFailingRound = !d.sameRound() && !c.failing;
            if (!d.sameRound()) {
                c.failing = true;
            }
            waiting = c.queue.lineSize();
        } finally {
            c.lock.unlock();
        }
        if (firstFailingRound) {
            LOG.warn("Reporter '{}' cannot deliver event {} ({} attempt(s)): {}; {} event(s) waiting, next try in {} ms",
                    c.name, p.id(), p.attempts, f.message(), waiting, d.delayNanos() / 1_000_000);
        } else {
            LOG.debug("Reporter '{}': attempt {} of event {} failed: {}; next try in {} ms", c.name, p.attempts,
                    p.id(), f.message(), d.delayNanos() / 1_000_000);
        }
    }

    private void removeFromSpool(Pending p) {
        if (p.spooled != null) {
            c.slot.entries().remove(p.spooled);
        }
    }

    /**
     * Under the lock: the in-flight entry is settled.
     *
     * @param p       the entry
     * @param removed whether it left the spool for good (delivered, skipped or given up)
     */
    private void leaveFlight(Pending p, boolean removed) {
        if (c.inFlight == p) {
            c.inFlight = null;
            c.call = null;
        }
        if (removed && p.spooled != null) {
            c.counters.unspooled(p.spooled.bytes());
        }
    }
}
