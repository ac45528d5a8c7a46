package io.zprof.benchmarks.overhead;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU charged for waking a thread to run an empty periodic task: a thread parked until its next deadline (how
 * zprof's sampler waits) against a {@link ScheduledThreadPoolExecutor}, side by side in one JVM so both see the same
 * machine. Thread CPU time, not JMH: what is measured is the cost of a wake-up after a long idle period.
 *
 * <p>Run: {@code benchmarks/overhead-lab/run WakeCost [periodMillis] [seconds]}
 */
public final class WakeCost {
    private WakeCost() {
    }

    /** @param args period in ms (default 1000), measured seconds (default 60) */
    public static void main(String[] args) throws Exception {
        long period = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        AtomicLong parkedRuns = new AtomicLong();
        long periodNanos = TimeUnit.MILLISECONDS.toNanos(period);
        Thread parked = new Thread(() -> {
            long next = System.nanoTime() + periodNanos;
            for (; Deadlines.parkUntil(next); next += periodNanos) {
                parkedRuns.incrementAndGet();
            }
        }, "parked");
        parked.setDaemon(true);
        parked.start();

        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        Thread[] executorThread = new Thread[1];
        executor.submit(() -> executorThread[0] = Thread.currentThread()).get();
        AtomicLong executorRuns = new AtomicLong();
        // half a period out of phase, so the two never wake together
        executor.scheduleAtFixedRate(executorRuns::incrementAndGet, period / 2, period, TimeUnit.MILLISECONDS);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Thread.sleep(2 * period);
        long parkedCpu = threads.getThreadCpuTime(parked.getId());
        long executorCpu = threads.getThreadCpuTime(executorThread[0].getId());
        long parked0 = parkedRuns.get();
        long executor0 = executorRuns.get();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        report("parked until deadline", threads.getThreadCpuTime(parked.getId()) - parkedCpu, parkedRuns.get() - parked0);
        report("ScheduledThreadPoolExecutor", threads.getThreadCpuTime(executorThread[0].getId()) - executorCpu,
                executorRuns.get() - executor0);
        parked.interrupt();
        executor.shutdownNow();
    }

    private static void report(String what, long cpuNanos, long runs) {
        System.out.printf(Locale.ROOT, "%-28s %6.0f µs CPU per run (%d runs)%n", what, cpuNanos / 1e3 / runs, runs);
    }
}
