package io.zprof.core.internal.engine;

import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.port.Shrinker;
import io.zprof.core.status.ProviderStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one configuration generation: collectors, dumpers per kind, report delivery and the
 * shrinker, with the provider statuses that explain the selection. Closed in reverse order of creation, once the
 * last capture using them has ended.
 */
final class Components implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    final List<CollectorBinding> collectors;
    final Map<DumpKind, Dumper> dumpers;
    final Delivery delivery;
    final Shrinker shrinker;
    final List<ProviderStatus> statuses;
    private final List<AutoCloseable> closeables;
    /** The generation's own reference plus one per running capture. */
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    Components(List<CollectorBinding> collectors, Map<DumpKind, Dumper> dumpers, Delivery delivery, Shrinker shrinker,
               List<ProviderStatus> statuses, List<AutoCloseable> closeables) {
        this.collectors = List.copyOf(collectors);
        this.dumpers = Map.copyOf(dumpers);
        this.delivery = delivery;
        this.shrinker = shrinker;
        this.statuses = List.copyOf(statuses);
        this.closeables = new ArrayList<>(closeables);
    }

    /**
     * Takes a lease for a capture: the components stay open until it is released, even if {@link #close()} is called
     * meanwhile (an update or stop while a capture still records).
     *
     * @return false when they are closing or closed: the capture must not use them
     */
    boolean acquire() {
        while (!closing.get()) {
            int n = users.get();
            if (n == 0) {
                return false;
            }
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Returns a lease; the last one out closes the components if {@link #close()} was called. */
    void release() {
        if (users.decrementAndGet() == 0) {
            // the last user may be a capture stop() interrupted: closing (the delivery's flush, which waits for its
            // workers) must not see that interrupt and skip its waiting
            boolean interrupted = Thread.interrupted();
            try {
                closeAll();
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Closes now, or when the last capture using them ends. Idempotent. */
    @Override
    public void close() {
        if (closing.compareAndSet(false, true)) {
            release();
        }
    }

    private void closeAll() {
        List<AutoCloseable> reversed = new ArrayList<>(closeables);
        Collections.reverse(reversed);
        Set<AutoCloseable> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AutoCloseable c : reversed) {
            if (done.add(c)) {
                closeQuietly(c);
            }
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception | Error e) {
            LOG.warn("zprof: closing {} failed: {}", c.getClass().getName(), e.toString());
        }
    }
}
