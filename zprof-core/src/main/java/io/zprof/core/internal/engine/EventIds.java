package io.zprof.core.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique, increasing event ids: microseconds since the epoch, bumped when two events share a microsecond, so
 * file names stay unique even for events in the same millisecond.
 */
final class EventIds {
    private final AtomicLong last = new AtomicLong();

    String next(long epochMillis) {
        long candidate = epochMillis * 1000;
        return Long.toString(last.updateAndGet(prev -> Math.max(prev + 1, candidate)));
    }
}
