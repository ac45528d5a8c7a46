package io.zprof.core.internal.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The lock a sampling cycle runs under. update() swaps configurations under it, so a cycle never sees a mix of two
 * nor collects through a component an update closed; status() reads rules and metrics under it when it can. A
 * collector stuck in a read holds it as long as it is stuck, so no one but the sampler waits for it unbounded.
 */
final class CycleLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final BooleanSupplier cycle;

    /** @param cycle runs one cycle under the lock; returns whether it ran (not while stopped) */
    CycleLock(BooleanSupplier cycle) {
        this.cycle = cycle;
    }

    /** Runs one cycle, waiting for the one in progress however long it takes (the sampler's own thread). */
    void run() {
        lock.lock();
        try {
            cycle.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param millis how long to wait for a cycle in progress
     * @return whether the cycle ran: not when the one in progress did not end in time, nor while stopped
     */
    boolean tryRun(long millis) {
        if (!tryLock(millis)) {
            return false;
        }
        try {
            return cycle.getAsBoolean();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param millis how long to wait
     * @return whether the caller now holds the lock (and must {@link #unlock()} it)
     */
    boolean tryLock(long millis) {
        try {
            return lock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Releases the lock {@link #tryLock} took. */
    void unlock() {
        lock.unlock();
    }
}
