package io.zprof.dumper.jfr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Synthetic hot spots with unique method names, so the tests can find them in captured stacks. */
final class Workloads {
    static volatile long sink;

    private Workloads() {
    }

    /** Runs on the calling thread for about the given time. */
    static void burnCpuInZprofTest(long millis) {
        spin(millis);
    }

    /** The same burn under another name, to tell two bursts apart. */
    static void burnCpuLaterInZprofTest(long millis) {
        spin(millis);
    }

    private static void spin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 17;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }

    /** Allocates short-lived arrays for about the given time. */
    static void allocateInZprofTest(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        List<byte[]> keep = new ArrayList<>();
        while (System.nanoTime() < end) {
            keep.add(new byte[4096]);
            if (keep.size() > 1000) {
                keep.clear();
            }
        }
        sink = keep.size();
    }

    /** Parks repeatedly for 30 ms at a time, for about the given time. */
    /** As zprof's own threads wait between cycles; named apart so a stack shows which thread parked. */
    static void parkAsZprofOwnThreadInZprofTest(long millis) {
        parkRepeatedlyInZprofTest(millis);
    }

    static void parkRepeatedlyInZprofTest(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        Object blocker = new Object();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(blocker, 30_000_000L);
        }
    }

    /** Repeats a step on its own thread until closed. */
    static final class Loop implements AutoCloseable {
        private volatile boolean stop;
        private final Thread thread;

        Loop(String name, Runnable step) {
            this(Thread.currentThread().getThreadGroup(), name, step);
        }

        /** @param group the thread group of the looping thread */
        Loop(ThreadGroup group, String name, Runnable step) {
            thread = new Thread(group, () -> {
                while (!stop) {
                    step.run();
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join();
        }
    }

    /** Starts one short thread and waits for it. */
    static void startThreadInZprofTest() {
        Thread t = new Thread(() -> { }, "zprof-test-started");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the task once on a new daemon thread and returns it started. */
    static Thread background(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
