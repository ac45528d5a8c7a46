package io.zprof.benchmarks.overhead;

import java.util.concurrent.locks.LockSupport;

/** Waiting as zprof's sampler loop waits: parked until a deadline on {@link System#nanoTime()}, no executor. */
final class Deadlines {
    private Deadlines() {
    }

    /**
     * Parks the calling thread until the deadline; spurious returns from {@code parkNanos} park again.
     *
     * @param deadline a {@link System#nanoTime()} value
     * @return true at the deadline, false as soon as the thread is interrupted (the interrupt stays set)
     */
    static boolean parkUntil(long deadline) {
        for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(wait);
        }
        return !Thread.currentThread().isInterrupted();
    }
}
