package io.zprof.dumper.async.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Threads doing recognisable work, with method names a profile can be searched for. */
final class Workloads {
    private static final Object MONITOR = new Object();
    private static volatile long sink;
    private static volatile Object sinkObject;

    private Workloads() {
    }

    /** Burns CPU in {@code burnCpuInAsyncTest} until the time is up. */
    static void burnCpuInAsyncTest(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += (x * 31) ^ i;
            }
        }
        sink = x;
    }

    /** Burns CPU in {@code spikeBeforeTheTrigger}. */
    static void spikeBeforeTheTrigger(long millis) {
        burnCpuInAsyncTest(millis);
    }

    /** Burns CPU in {@code burnCpuInAsyncTest} until the latch opens. */
    static void burnUntil(CountDownLatch stop) {
        while (stop.getCount() > 0) {
            burnCpuInAsyncTest(50);
        }
    }

    /**
     * Allocates a 64 KiB array every millisecond in {@code allocateUntil} until the latch opens: 64 MB/s, enough for
     * allocation samples every 512 KiB, without burning more CPU than a burner does.
     */
    static void allocateUntil(CountDownLatch stop) {
        try {
            while (!stop.await(1, TimeUnit.MILLISECONDS)) {
                sinkObject = new byte[64 * 1024];
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Takes the shared monitor and holds it 20 ms, again and again in {@code holdTheMonitorUntil}, until the latch
     * opens: two threads running this take turns, each waiting longer than the lock captures' 10 ms bar.
     */
    static void holdTheMonitorUntil(CountDownLatch stop) {
        while (stop.getCount() > 0) {
            synchronized (MONITOR) {
                try {
                    stop.await(20, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** @return a started daemon thread running the task */
    static Thread background(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @param started counted down when the thread runs @return a thread group's thread, started */
    static Thread inGroup(ThreadGroup group, String name, Runnable task) {
        Thread t = new Thread(group, task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits on the latch, ignoring interrupts until it opens. */
    static void await(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep waiting: the test opens the latch
            }
        }
    }
}
