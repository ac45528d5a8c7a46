package io.zprof.core.internal.report;

import static io.zprof.core.internal.report.ReporterChannel.LOG;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Reporter;
import io.zprof.core.status.ReporterStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The worker loop of one {@link ReporterChannel}: each turn decides under the channel's lock what to do next (write
 * a new event to the spool, settle a call that returned or timed out, start the next call, or sleep until something
 * can happen), then does the slow part without the lock. Runs on the channel's worker thread only.
 */
final class ChannelWorker {
    private final ReporterChannel c;
    private final ChannelCalls calls;

    /** @param channel the channel whose state this loop drives */
    ChannelWorker(ReporterChannel channel) {
        this.c = channel;
        this.calls = new ChannelCalls(channel);
    }

    /** The worker thread's body. */
    void run() {
        try {
            c.awaitPredecessor();
            openSpool();
            while (step()) {
                warnAboutDrops(false);
                if (c.slot.due(c.time.nanos())) {
                    openSpool();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("Report worker of '{}' failed; undelivered spooled events wait for the next start", c.name, e);
        } finally {
            new ChannelStop(c, this, calls).finish();
        }
    }

    /**
     * Opens the spool and queues what it holds. When it was broken, the events held in memory meanwhile go to it.
     * A spool that cannot be opened leaves the events in memory and is tried again later ({@link SpoolSlot}).
     */
    void openSpool() {
        if (!c.slot.enabled()) {
            return;
        }
        boolean wasBroken = c.slot.broken();
        try {
            Set<Path> known;
            c.lock.lock();
            try {
                known = c.knownEntries();
            } finally {
                c.lock.unlock();
            }
            // only this thread changes the line and the call in flight, so what is known stays true meanwhile
            Spool.Loaded loaded = c.slot.open(known, c.time.nanos());
            c.lock.lock();
            try {
                for (SpoolEntry e : loaded.entries()) {
                    c.queue.addSpooled(Pending.onDisk(e));
                    c.counters.spooled(e.bytes());
                    c.nextSeq = Math.max(c.nextSeq, e.seq() + 1);
                }
                if (wasBroken) {
                    c.queue.respoolMemoryOnly();
                    if (c.inFlight != null && c.inFlight.memoryOnly()) {
                        c.inFlight.spoolWhenBack = true;
                    }
                }
                c.counters.recovered(loaded.entries().size(), loaded.corrupt());
                c.counters.spoolState(ReporterStatus.SpoolState.OK, null);
            } finally {
                c.lock.unlock();
            }
            if (wasBroken) {
                LOG.info("Reporter '{}': the spool {} works again; events held in memory meanwhile go to it",
                        c.name, c.slot.writable().directory());
            }
            if (!loaded.entries().isEmpty()) {
                LOG.info("Reporter '{}': {} undelivered event(s) found in the spool {}; delivering them",
                        c.name, loaded.entries().size(), c.slot.writable().directory());
            }
        } catch (IOException | RuntimeException e) {
            c.counters.spoolBroken(e.toString(),
                    wasBroken ? null : "spool unavailable, events are kept in memory only: " + e.getMessage(),
                    c.time.instant());
            if (!wasBroken) {
                LOG.warn("Reporter '{}': cannot use the spool under {} ({}); events are kept in memory, and will not"
                        + " survive a restart, until it can be opened again", c.name, c.slot.root(), e.toString());
            }
        }
    }

    /** One turn of the loop: decide under the lock, then do the slow part without it. @return false to stop */
    private boolean step() throws InterruptedException {
        ReportEvent toPersist = null;
        Pending toStart = null;
        Pending done = null;
        CallRunner.Call doneCall = null;
        Reporter toRetire = null;
        c.lock.lock();
        try {
            long now = c.time.nanos();
            if (!c.replaced.isEmpty() && (c.call == null || c.call.reporter != c.replaced.get(0))) {
                toRetire = c.replaced.remove(0);
            } else if (c.queue.hasInbox() && c.slot.writable() != null) {
                toPersist = c.queue.pollInbox();
                c.persisting = toPersist;
            } else if (c.queue.hasInbox()) {
                c.queue.inboxToLine();
                return true;
            } else if (c.inFlight != null && (c.call.result.isDone() || now - c.callDeadline >= 0)) {
                done = c.inFlight;
                doneCall = c.call;
            } else if (c.stopping && flushOver(now)) {
                return false;
            } else if (c.inFlight == null && !c.queue.lineEmpty() && now - c.notBefore >= 0) {
                if (!c.calls.canStart()) {
                    // abandoned calls still hold both call threads; the first to return wakes us up
                    c.noteError("report() calls do not return; waiting for one of them before the next call");
                    await(now, true);
                    return true;
                }
                toStart = c.queue.pollLine();
                c.inFlight = toStart;
            } else {
                await(now, false);
                return true;
            }
        } finally {
            c.lock.unlock();
        }
        if (toRetire != null) {
            c.retire(toRetire);
        } else if (toPersist != null) {
            persist(toPersist);
        } else if (done != null) {
            calls.complete(done, doneCall);
        } else {
            calls.start(toStart);
        }
        return true;
    }

    /** Under the lock: whether stopping can end now (deadline passed, or nothing more can be sent before it). */
    private boolean flushOver(long now) {
        if (now - c.flushDeadline >= 0 || System.nanoTime() - c.flushRealDeadline >= 0) {
            return true;
        }
        return c.inFlight == null && (c.queue.lineEmpty() || c.notBefore - c.flushDeadline > 0);
    }

    /**
     * Under the lock: sleeps until something can happen (a new event, a call returning, a deadline).
     *
     * @param now     the time source's reading
     * @param blocked whether calls are due but no call thread is free
     */
    private void await(long now, boolean blocked) throws InterruptedException {
        long until = now;
        boolean bounded = false;
        if (c.inFlight != null) {
            until = c.callDeadline;
            bounded = true;
        } else if (!c.queue.lineEmpty() && !blocked) {
            until = c.notBefore;
            bounded = true;
        }
        if (c.stopping && (!bounded || until - c.flushDeadline > 0)) {
            until = c.flushDeadline;
            bounded = true;
        }
        if (c.slot.broken() && (!bounded || until - c.slot.nextTry() > 0)) {
            until = c.slot.nextTry();
            bounded = true;
        }
        if (c.stopping) {
            long realLeft = c.flushRealDeadline - System.nanoTime();
            c.wake.awaitNanos(bounded ? Math.min(c.time.realWait(until - now), realLeft) : realLeft);
        } else if (bounded) {
            c.wake.awaitNanos(c.time.realWait(until - now));
        } else {
            c.wake.await();
        }
    }

    /** Writes a new event to the spool; one the spool refuses or cannot take waits in memory. */
    void persist(ReportEvent event) {
        long seq;
        c.lock.lock();
        try {
            seq = c.nextSeq++;
        } finally {
            c.lock.unlock();
        }
        SpoolEntry entry = null;
        String error = null;
        try {
            entry = c.slot.write(seq, event);
        } catch (IOException | RuntimeException e) {
            // the directory may have been deleted or made unwritable since it was opened: open it again (recreated
            // 0700 when missing) and try once more; when it cannot be opened, the spool counts as broken
            openSpool();
            if (c.slot.writable() == null) {
                error = "cannot write to the spool: " + e;
            } else {
                try {
                    entry = c.slot.write(seq, event);
                } catch (IOException | RuntimeException again) {
                    error = "cannot write to the spool: " + again;
                }
            }
        }
        boolean warnRefusal = false;
        c.lock.lock();
        try {
            c.persisting = null;
            if (entry != null) {
                c.queue.addSpooled(Pending.onDisk(entry));
                c.counters.spooled(entry.bytes());
                return;
            }
            if (error != null) {
                c.noteError(error);
            } else {
                c.counters.refusedSpoolFull();
                warnRefusal = c.refusalWarnings.due(c.time.nanos());
            }
            c.counters.droppedQueueFull(c.queue.addInMemory(event));
        } finally {
            c.lock.unlock();
        }
        if (error != null) {
            LOG.warn("Reporter '{}': event {} kept in memory only, {}", c.name, event.eventId(), error);
        } else if (warnRefusal) {
            LOG.warn("Reporter '{}': the spool is full (zprof.report.spool.maxbytes={}); event {} and further "
                    + "new events are kept in memory only until space frees up", c.name,
                    c.slot.maxBytes(), event.eventId());
        }
    }

    /**
     * Warns about queue drops at most once a minute, each warning stating the drops since the previous one and the
     * total, so that the warnings add up to {@code droppedQueueFull}.
     *
     * @param now whether to warn now about drops not warned about yet, however recent the last warning (at stop)
     */
    void warnAboutDrops(boolean now) {
        long newDrops;
        long total;
        int size;
        c.lock.lock();
        try {
            total = c.counters.droppedQueueFull();
            newDrops = total - c.dropsWarned;
            long t = c.time.nanos();
            if (newDrops == 0 || (!now && !c.dropWarnings.due(t))) {
                return;
            }
            c.dropWarnings.warned(t);
            c.dropsWarned = total;
            size = c.queueSize;
        } finally {
            c.lock.unlock();
        }
        LOG.warn("Reporter '{}' dropped {} event(s) since the last warning ({} in all): its queue"
                + " (zprof.report.queuesize={}) was full", c.name, newDrops, total, size);
    }
}
