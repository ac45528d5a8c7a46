package io.zprof.dumper.jfr.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Threads a test leaks on purpose: each waits until the test ends, then all are released and joined. The test starts
 * them itself, so its own method is the creating frame in the thread-start events.
 */
final class ParkedThreads implements AfterEachCallback {
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    /** @param name the thread's name @return a new thread, not started, that waits for the end of the test */
    Thread newThread(String name) {
        Thread t = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        threads.add(t);
        return t;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }
}
