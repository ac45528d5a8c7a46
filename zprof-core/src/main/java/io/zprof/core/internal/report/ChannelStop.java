package io.zprof.core.internal.report;

import static io.zprof.core.internal.report.ReporterChannel.LOG;

import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Reporter;

/**
 * A channel worker's last act: settle the call in flight, write to the spool what can still be written, count what
 * is lost, release the spool and the reporters swapped out.
 */
final class ChannelStop {
    private final ReporterChannel c;
    private final ChannelWorker worker;
    private final ChannelCalls calls;

    /**
     * @param channel the stopping channel
     * @param worker  its worker, whose steps this reuses
     * @param calls   its calls
     */
    ChannelStop(ReporterChannel channel, ChannelWorker worker, ChannelCalls calls) {
        this.c = channel;
        this.worker = worker;
        this.calls = calls;
    }

    /** Runs on the worker thread as it ends, whatever ended it. */
    void finish() {
        settleCallInFlight();
        int lost = 0;
        int kept = 0;
        try {
            if (c.slot.broken()) {
                // a last chance: the spool may be recreatable now
                worker.openSpool();
            }
            while (c.slot.writable() != null) {
                ReportEvent next;
                c.lock.lock();
                try {
                    next = c.queue.pollInbox();
                    c.persisting = next;
                } finally {
                    c.lock.unlock();
                }
                if (next == null) {
                    break;
                }
                worker.persist(next);
            }
            c.lock.lock();
            try {
                lost = c.queue.discardMemoryOnly();
                c.counters.droppedOnClose(lost);
                kept = c.counters.spooledCount();
            } finally {
                c.lock.unlock();
            }
        } finally {
            // whatever happened above, the spool is released for the next owner
            c.calls.shutdown();
            c.slot.close();
            retireReplaced();
        }
        worker.warnAboutDrops(true);
        if (lost > 0) {
            LOG.warn("Reporter '{}' stopped with {} undelivered event(s) held in memory only: they are lost", c.name, lost);
        }
        if (kept > 0) {
            LOG.info("Reporter '{}' stopped; {} undelivered event(s) stay in the spool for the next start", c.name, kept);
        }
    }

    private void settleCallInFlight() {
        Pending p;
        CallRunner.Call call;
        c.lock.lock();
        try {
            p = c.inFlight;
            call = c.call;
        } finally {
            c.lock.unlock();
        }
        if (p == null) {
            return;
        }
        if (call != null && call.result.isDone()) {
            calls.complete(p, call);
            return;
        }
        if (call != null) {
            c.calls.abandon(call);
        }
        c.lock.lock();
        try {
            c.inFlight = null;
            c.call = null;
            if (p.memoryOnly()) {
                c.counters.droppedOnClose(1);
            }
        } finally {
            c.lock.unlock();
        }
    }

    private void retireReplaced() {
        Reporter[] left;
        c.lock.lock();
        try {
            left = c.replaced.toArray(new Reporter[0]);
            c.replaced.clear();
        } finally {
            c.lock.unlock();
        }
        for (Reporter r : left) {
            c.retire(r);
        }
    }
}
