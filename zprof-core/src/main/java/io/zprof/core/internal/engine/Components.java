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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one configuration generation: collectors, dumpers per kind, report delivery and the
 * shrinker, with the provider statuses that explain the selection. Closed in reverse order of creation.
 */
final class Components implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    final List<CollectorBinding> collectors;
    final Map<DumpKind, Dumper> dumpers;
    final Delivery delivery;
    final Shrinker shrinker;
    final List<ProviderStatus> statuses;
    private final List<AutoCloseable> closeables;

    Components(List<CollectorBinding> collectors, Map<DumpKind, Dumper> dumpers, Delivery delivery, Shrinker shrinker,
               List<ProviderStatus> statuses, List<AutoCloseable> closeables) {
        this.collectors = List.copyOf(collectors);
        this.dumpers = Map.copyOf(dumpers);
        this.delivery = delivery;
        this.shrinker = shrinker;
        this.statuses = List.copyOf(statuses);
        this.closeables = new ArrayList<>(closeables);
    }

    @Override
    public void close() {
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
        } catch (Exception | LinkageError e) {
            LOG.warn("zprof: closing {} failed: {}", c.getClass().getName(), e.toString());
        }
    }
}
