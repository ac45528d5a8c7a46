package io.zprof.core.internal.report;

import java.util.concurrent.atomic.AtomicLong;

/** The byte cap shared by every reporter's spool: JSON plus artifact sizes, reserved before anything is written. */
final class SpoolBudget {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    /** @param maxBytes the cap ({@code SpoolConfig.maxBytes}) */
    SpoolBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param bytes what a new entry needs
     * @return whether it fits; when it does, the bytes are counted as used
     */
    boolean tryReserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** @param bytes an entry found on disk at start-up, counted even when over the cap (it is never evicted) */
    void claim(long bytes) {
        used.addAndGet(bytes);
    }

    /** @param bytes an entry that left the spool */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** @return the cap */
    long maxBytes() {
        return maxBytes;
    }
}
