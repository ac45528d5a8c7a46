package io.zprof.it.scenario;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The measuring side of time to evidence: observes GCs itself and remembers when the first one ended with heap
 * occupancy above the ratio (the moment the threshold was crossed), independently of zprof.
 */
final class GcCrossing implements AutoCloseable {
    private final double ratio;
    private final long ceiling = Runtime.getRuntime().maxMemory();
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final AtomicLong firstCrossingMillis = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    GcCrossing(double ratio) {
        this.ratio = ratio;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter em) {
                em.addNotificationListener(listener, null, null);
                emitters.add(em);
            }
        }
    }

    /** @return wall-clock end of the first GC that left the heap above the ratio, or 0 */
    long firstCrossingMillis() {
        return firstCrossingMillis.get();
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        if ((double) used / ceiling > ratio) {
            firstCrossingMillis.compareAndSet(0, jvmStart + info.getGcInfo().getEndTime());
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter em : emitters) {
            try {
                em.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already removed
            }
        }
    }
}
