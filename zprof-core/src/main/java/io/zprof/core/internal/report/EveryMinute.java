package io.zprof.core.internal.report;

import java.util.concurrent.TimeUnit;

/** Lets a repeated warning through at most once a minute of the time source. Not thread-safe (used under a lock). */
final class EveryMinute {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private long last;
    private boolean any;

    /**
     * @param now the time source's reading
     * @return whether to warn now; when so, the next warning waits a minute from now
     */
    boolean due(long now) {
        if (any && now - last < MINUTE) {
            return false;
        }
        any = true;
        last = now;
        return true;
    }

    /** @param now a warning was given now, whether or not it was due */
    void warned(long now) {
        any = true;
        last = now;
    }
}
