package io.zprof.micrometer;

import io.zprof.core.status.ZprofStatus;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@link ZprofStatus}, taken again only when older than its time to live: one scrape reads dozens of
 * meters, and they all share one status. Building a status reads what the last sampling cycle left; it never runs a
 * cycle. A status that cannot be built (the engine throws) keeps the previous one, so a meter read never throws.
 */
final class StatusSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSnapshot.class);

    private final Supplier<ZprofStatus> source;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Consumer<ZprofStatus> onRefresh;
    private ZprofStatus last;
    private long takenAt;

    /**
     * @param source    builds a status ({@code zprof::status})
     * @param ttlNanos  how long a status is reused
     * @param nanoTime  the monotonic clock ({@code System::nanoTime})
     * @param onRefresh told of every new status, outside the lock (to register meters for what is new in it)
     */
    StatusSnapshot(Supplier<ZprofStatus> source, long ttlNanos, LongSupplier nanoTime, Consumer<ZprofStatus> onRefresh) {
        this.source = Objects.requireNonNull(source, "source");
        this.ttlNanos = ttlNanos;
        this.nanoTime = nanoTime;
        this.onRefresh = onRefresh;
    }

    /** @return the current status, or {@code null} when none could ever be built */
    ZprofStatus get() {
        ZprofStatus fresh = null;
        ZprofStatus current;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (last == null || now - takenAt >= ttlNanos) {
                takenAt = now;
                try {
                    fresh = source.get();
                    last = fresh;
                } catch (RuntimeException e) {
                    LOG.debug("zprof: status not available for the meters, keeping the last one", e);
                }
            }
            current = last;
        }
        if (fresh != null) {
            onRefresh.accept(fresh);
        }
        return current;
    }
}
