package io.zprof.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Daemon threads that park until closed: the cheapest way to raise the JVM's thread count in a test. */
final class ParkedThreads implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();

    /** @param count how many to start @param namePrefix their names, numbered */
    ParkedThreads(int count, String namePrefix) {
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(ParkedThreads::parkUntilInterrupted, namePrefix + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private static void parkUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park();
        }
    }

    /** Lets every thread end. Idempotent. */
    @Override
    public void close() {
        threads.forEach(Thread::interrupt);
    }
}
