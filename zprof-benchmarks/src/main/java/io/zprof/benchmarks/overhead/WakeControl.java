package io.zprof.benchmarks.overhead;

import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that wakes at zprof's interval and does nothing else: the control for zprof's own CPU time in a harness
 * run. Its CPU per wake-up is what this machine charges any thread for waking once, with the same workload beside it
 * and in the same minutes; what zprof's sampler costs beyond that is the work of its cycle.
 *
 * <p>It waits as the sampler loop does ({@link Deadlines#parkUntil}, fixed rate). Started, it first waits a few
 * thousand times at a short interval, so that its wait is compiled like the sampler's in the C2 modes; the timed
 * wake-ups begin at the deadline {@link #schedule} gives, which the harness puts half a period away from the
 * sampler's so that the two never wake together.
 */
final class WakeControl {
    /** Short waits after start: past C2's compile threshold for the wait. */
    private static final int WARM_WAKES = 12_000;
    private static final long WARM_INTERVAL_NANOS = 50_000;

    private final Thread thread;
    /** Written before {@link #scheduled}, read after it. */
    private long firstDeadline;
    private volatile boolean scheduled;
    private volatile long wakes;

    /** @param periodNanos time between two timed wake-ups */
    WakeControl(long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos + " ns");
        }
        thread = new Thread(() -> run(periodNanos), "wake-control");
        thread.setDaemon(true);
    }

    /** Starts the thread and its short warm-up waits. */
    void start() {
        thread.start();
    }

    /** @param deadline the {@link System#nanoTime()} of the first timed wake-up */
    void schedule(long deadline) {
        firstDeadline = deadline;
        scheduled = true;
        LockSupport.unpark(thread);
    }

    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    /** @return timed wake-ups so far (the warm-up waits not counted) */
    long wakes() {
        return wakes;
    }

    /** @return the thread's CPU time so far, in nanoseconds */
    long cpuNanos(ThreadMXBean threads) {
        return threads.getThreadCpuTime(thread.getId());
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        for (int i = 0; i < WARM_WAKES; i++) {
            next += WARM_INTERVAL_NANOS;
            if (!Deadlines.parkUntil(next)) {
                return;
            }
        }
        while (!scheduled) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
        next = firstDeadline;
        while (next - System.nanoTime() <= 0) {
            // the warm-up ran past the first deadline: the next one in the same phase
            next += periodNanos;
        }
        for (; Deadlines.parkUntil(next); next += periodNanos) {
            wakes++;
        }
    }
}
