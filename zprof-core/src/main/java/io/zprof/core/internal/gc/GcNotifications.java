package io.zprof.core.internal.gc;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the JVM's GC notifications (no polling: the JVM's counterpart of the Go original's finalizer mode)
 * and reports heap occupancy after each collection. The callback runs on the JMX notification thread and must be
 * quick.
 */
public final class GcNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GcNotifications.class);

    /**
     * Heap after one collection.
     *
     * @param gcName     collector name ("G1 Young Generation")
     * @param cause      GC cause ("System.gc()", "G1 Evacuation Pause")
     * @param usedAfter  heap bytes in use after the collection, all heap pools
     * @param ceiling    the heap's maximum ({@code -Xmx})
     */
    public record GcObservation(String gcName, String cause, long usedAfter, long ceiling) {
        /** @return occupancy after GC as a fraction of the ceiling */
        public double ratio() {
            return ceiling > 0 ? (double) usedAfter / ceiling : 0;
        }
    }

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener;
    private final Set<String> heapPools = new HashSet<>();

    /** @param onGc called once per collection with the heap after it */
    public GcNotifications(Consumer<GcObservation> onGc) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        long ceiling = Runtime.getRuntime().maxMemory();
        listener = (Notification n, Object handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            try {
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                long used = 0;
                for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                onGc.accept(new GcObservation(info.getGcName(), info.getGcCause(), used, ceiling));
            } catch (RuntimeException e) {
                LOG.warn("zprof: GC notification handling failed: {}", e.toString());
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter) {
                NotificationEmitter em = (NotificationEmitter) gc;
                em.addNotificationListener(listener, null, null);
                emitters.add(em);
            }
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
        emitters.clear();
    }
}
