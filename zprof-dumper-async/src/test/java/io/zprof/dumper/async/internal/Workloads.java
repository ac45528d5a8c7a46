package io.zprof.dumper.async.internal;

import java.util.concurrent.CountDownLatch;

/** Threads doing recognisable work, with method names a profile can be searched for. */
final class Workloads {
    private static volatile long sink;

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
