package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lock cycles run under: a caller that may not wait gets false back instead of waiting for a stuck cycle. */
class CycleLockTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CycleLock lock = new CycleLock(() -> {
        runs.incrementAndGet();
        return running.get();
    });

    @Test
    void tryRunSaysWhetherTheCycleRan() {
        assertTrue(lock.tryRun(0));
        running.set(false);
        assertFalse(lock.tryRun(0), "stopped: the cycle did not run");
        assertEquals(2, runs.get());
    }

    @Test
    void whileAnotherHoldsItTryRunAndTryLockGiveUpAndNothingRuns() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            assertTrue(lock.tryLock(0));
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        holder.start();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        try {
            assertFalse(lock.tryRun(0));
            assertFalse(lock.tryLock(0));
            assertEquals(0, runs.get());
        } finally {
            release.countDown();
            holder.join();
        }
        lock.run();
        assertEquals(1, runs.get(), "free again");
    }
}
