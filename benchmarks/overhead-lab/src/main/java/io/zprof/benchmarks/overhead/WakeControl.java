package io.zprof.benchmarks.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
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
 *
 * <p>Each timed wake-up is recorded: the CPU from just before the wait to just after it returned (one read of the
 * thread's CPU clock is inside that span), and how late after its deadline the wait returned. At each wake-up it also
 * reads the sampler thread's CPU, so the series of the sampler's CPU per cycle comes from outside the sampler, which
 * is left as it runs in production; outside the measured span. The harness's warm-up restarts the sampler's interval
 * just before {@link #schedule}, so the reads fall half a period away from the cycles (in the C1 and C2 modes).
 *
 * <p>Given work (the {@link FloorCycle}), it runs that work after each wait returns, inside the measured span, warm-up
 * waits included, so that the work is compiled too.
 */
final class WakeControl {
    /** Short waits after start: past C2's compile threshold for the wait. */
    static final int WARM_WAKES = 12_000;
    private static final long WARM_INTERVAL_NANOS = 50_000;

    private final Thread thread;
    private final Runnable work;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] wakeCpu;
    private final long[] wakeLate;
    private final long[] samplerCpu;
    /** Written before {@link #scheduled}, read after it. */
    private long firstDeadline;
    /** Written before {@link #scheduled}, read after it. */
    private long samplerThreadId = -1;
    private volatile boolean scheduled;
    private volatile int wakes;
    /** When the last wait returned, before the work: the control thread's own. */
    private long returnedAt;
    /** Sampler cycles recorded; written by the control thread, read after {@link #stop}. */
    private int cycles;

    /**
     * @param periodNanos time between two timed wake-ups
     * @param capacity    timed wake-ups recorded at most (later ones are counted, not recorded)
     */
    WakeControl(long periodNanos, int capacity) {
        this("wake-control", periodNanos, capacity, () -> { });
    }

    /**
     * @param name        the thread's name
     * @param periodNanos time between two timed wake-ups
     * @param capacity    timed wake-ups recorded at most (later ones are counted, not recorded)
     * @param work        what the thread does after each wait returns, measured with the wake-up
     */
    WakeControl(String name, long periodNanos, int capacity, Runnable work) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive: " + periodNanos + " ns");
        }
        wakeCpu = new long[capacity];
        wakeLate = new long[capacity];
        samplerCpu = new long[capacity];
        this.work = work;
        thread = new Thread(() -> run(periodNanos), name);
        thread.setDaemon(true);
    }

    /** Starts the thread and its short warm-up waits. */
    void start() {
        thread.start();
    }

    /**
     * @param deadline        the {@link System#nanoTime()} of the first timed wake-up
     * @param samplerThreadId the id of zprof's sampler thread, whose CPU is read at every wake-up; -1 for none
     */
    void schedule(long deadline, long samplerThreadId) {
        firstDeadline = deadline;
        this.samplerThreadId = samplerThreadId;
        scheduled = true;
        LockSupport.unpark(thread);
    }

    /** Interrupts the thread and waits for it to end; the recorded series are complete after this returns. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }

    /** @return timed wake-ups so far (the warm-up waits not counted) */
    int wakes() {
        return wakes;
    }

    /** @return after {@link #stop}: CPU nanoseconds of each recorded wake-up, from before the wait to its return */
    long[] wakeCpuNanos() {
        return Arrays.copyOf(wakeCpu, Math.min(wakes, wakeCpu.length));
    }

    /** @return after {@link #stop}: nanoseconds from each recorded wake-up's deadline to the wait's return */
    long[] wakeLateNanos() {
        return Arrays.copyOf(wakeLate, Math.min(wakes, wakeLate.length));
    }

    /**
     * @return after {@link #stop}: CPU nanoseconds of the sampler thread between two consecutive recorded wake-ups,
     *         i.e. per cycle (one value fewer than the wake-ups: the first read is the baseline)
     */
    long[] samplerCycleCpuNanos() {
        return Arrays.copyOf(samplerCpu, cycles);
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        for (int i = 0; i < WARM_WAKES; i++) {
            next += WARM_INTERVAL_NANOS;
            if (timedWait(next) < 0) {
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
        // the first wake-up's read is the baseline: between schedule() and it, the sampler may have run no cycle
        long samplerBefore = -1;
        for (; ; next += periodNanos) {
            long cpu = timedWait(next);
            if (cpu < 0) {
                return;
            }
            long late = returnedAt - next;
            int i = wakes;
            if (i < wakeCpu.length) {
                wakeCpu[i] = cpu;
                wakeLate[i] = late;
                if (samplerThreadId >= 0) {
                    // -1 once the sampler thread has ended: the series stops there
                    long samplerNow = threads.getThreadCpuTime(samplerThreadId);
                    if (samplerBefore >= 0 && samplerNow >= 0) {
                        samplerCpu[cycles++] = samplerNow - samplerBefore;
                    }
                    samplerBefore = samplerNow;
                }
            }
            wakes = i + 1;
        }
    }

    /** @return CPU nanoseconds from before the wait to after it returned and the work ran, or -1 when interrupted */
    private long timedWait(long deadline) {
        long before = threads.getCurrentThreadCpuTime();
        if (!Deadlines.parkUntil(deadline)) {
            return -1;
        }
        returnedAt = System.nanoTime();
        work.run();
        return threads.getCurrentThreadCpuTime() - before;
    }
}
