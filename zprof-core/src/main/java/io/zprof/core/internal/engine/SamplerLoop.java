package io.zprof.core.internal.engine;

import io.zprof.core.internal.report.TimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sampling cycle at a fixed rate on one dedicated daemon thread that parks until the next deadline.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: the sampler wakes every few seconds for a few microseconds of
 * work, so the cost of waking dominates zprof's CPU use. Measured on the 2-vCPU VM of docs/performance.md
 * ({@code WakeCost} in benchmarks/overhead-lab), an empty periodic task costs 250–330 µs of CPU per run on a scheduled
 * executor against 100–140 µs for a thread parked until its deadline (the executor's queue, leader hand-off and
 * re-queueing run cold every time).
 *
 * <p>Fixed rate without bursts: when a cycle overruns its slot, or the machine was suspended, the missed cycles
 * are skipped and the next one runs one interval from now. A new interval ({@link #reschedule()}) takes effect at
 * once: the next cycle runs one new interval after the change.
 */
final class SamplerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SamplerLoop.class);
    private final Runnable cycle;
    private final LongSupplier intervalNanos;
    private final TimeSource time;
    private final Thread thread;
    private volatile boolean stopped;
    /** Set by {@link #start()} before the thread starts, which publishes it. */
    private long firstDeadline;
    private volatile boolean rescheduled;
    /** The thread's CPU time as it ended; -1 before, or where the JVM does not measure it. */
    private volatile long cpuAtEnd = -1;

    /**
     * @param cycle         one sampling cycle (the engine catches and counts its failures; anything else is logged)
     * @param intervalNanos the interval in force, read before every wait
     * @param threads       creates the thread
     * @param time          the engine's time source: the intervals are measured on it, so that a test's clock
     *                      drives the cycles
     */
    SamplerLoop(Runnable cycle, LongSupplier intervalNanos, ZprofThreadFactory threads, TimeSource time) {
        this.cycle = cycle;
        this.intervalNanos = intervalNanos;
        this.time = time;
        this.thread = threads.newThread(this::run);
    }

    /** Starts the thread; the first cycle runs one interval from now (read here, not when the thread gets going). */
    void start() {
        firstDeadline = time.nanos() + intervalNanos.getAsLong();
        thread.start();
    }

    /** Makes the loop re-read the interval now and run its next cycle one interval from now. */
    void reschedule() {
        rescheduled = true;
        LockSupport.unpark(thread);
    }

    /**
     * Read when asked, never by the cycle: the sampler's own cost stays what it is.
     *
     * @return CPU nanoseconds the loop's thread has used (its total once it has ended), or -1 where the JVM does not
     *         measure thread CPU time (that switch is the application's: zprof leaves it as it is)
     */
    long threadCpuNanos() {
        if (thread.isAlive()) {
            long live = cpuTimeOf(thread.getId());
            if (live >= 0) {
                return live;
            }
        }
        // ended (or ending): the figure it left, which its termination publishes
        return cpuAtEnd;
    }

    private static long cpuTimeOf(long threadId) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled() ? mx.getThreadCpuTime(threadId) : -1;
    }

    /**
     * Stops the loop, interrupts a running cycle and waits for it to finish, at most {@code millis}.
     *
     * @param millis longest wait
     * @return whether the thread ended in time
     */
    boolean stop(long millis) {
        stopped = true;
        // a cycle blocked in a collector gets the chance to give up
        thread.interrupt();
        if (thread == Thread.currentThread()) {
            return false;
        }
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void run() {
        try {
            long next = firstDeadline;
            while (!stopped) {
                next = step(next);
            }
        } finally {
            cpuAtEnd = cpuTimeOf(Thread.currentThread().getId());
        }
    }

    /**
     * One turn of the loop: waits for the deadline, or runs the cycle when it has come.
     *
     * <p>A method of its own so that the JIT compiles it: a loop that turns a few times a minute is never compiled
     * on its back-edges (that takes tens of thousands of turns, days at a 5 s interval), while a method is after a
     * few hundred calls. With the loop's body in {@code run()}, interpreter frames were a third of the sampler
     * thread's CPU samples ({@code perf}, next to an allocation-heavy application; docs/performance.md).
     *
     * @param next the deadline of the next cycle
     * @return the deadline after this turn
     */
    private long step(long next) {
        long wait = next - time.nanos();
        if (rescheduled) {
            rescheduled = false;
            return time.nanos() + intervalNanos.getAsLong();
        }
        if (wait > 0) {
            // returns at the deadline, on unpark, or spuriously: every case goes round the loop again
            LockSupport.parkNanos(this, time.realWait(wait));
            // only stop() interrupts; an interrupt left over from a cycle's code would turn park into a spin
            Thread.interrupted();
            return next;
        }
        runCycle();
        long interval = intervalNanos.getAsLong();
        long following = next + interval;
        long now = time.nanos();
        return following - now <= 0 ? now + interval : following;
    }

    /** An error the cycle lets through (an OutOfMemoryError in a collector) must not end sampling for good. */
    private void runCycle() {
        try {
            cycle.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("zprof: sampling cycle failed, sampling goes on at the next interval: {}", e.toString(), e);
        }
    }

    @Override
    public String toString() {
        return "SamplerLoop[" + thread.getName() + ", every " + TimeUnit.NANOSECONDS.toMillis(intervalNanos.getAsLong())
                + " ms" + (stopped ? ", stopped" : "") + "]";
    }
}
