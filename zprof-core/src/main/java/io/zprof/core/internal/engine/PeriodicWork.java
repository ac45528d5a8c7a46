package io.zprof.core.internal.engine;

import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.internal.gc.GcNotifications;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's work besides sampling, on one scheduler thread: GC notifications (and forced collections in poll
 * mode), continuous-profiling chunks, and the delayed steps of thread shrinking. Lives from start() to stop().
 */
final class PeriodicWork {
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private final Consumer<GcNotifications.GcObservation> onGc;
    private final ProfileChunks.Services chunkServices;
    private GcNotifications gcNotifications;
    /** Cuts the continuous-profiling chunks while profiling is on, else {@code null}. */
    private volatile ProfileChunks chunks;

    /**
     * @param onGc          told of every garbage collection while GC-heap monitoring is on
     * @param chunkServices what profiling chunks need
     */
    PeriodicWork(Consumer<GcNotifications.GcObservation> onGc, ProfileChunks.Services chunkServices) {
        this.onGc = onGc;
        this.chunkServices = chunkServices;
        // its thread starts with the first task: most configurations never schedule one
        scheduler = new ScheduledThreadPoolExecutor(1, new ZprofThreadFactory("scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** @return the scheduler, for the shrinker's delayed steps */
    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    /**
     * (Re)schedules GC monitoring and continuous profiling for a configuration. Not for every update: it restarts
     * the profiling chunk's interval. Caller holds the engine's lifecycle lock.
     *
     * @param cfg the configuration
     */
    void schedule(ZprofConfig cfg) {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
        closeGcNotifications();
        if (cfg.gcHeap().enabled()) {
            gcNotifications = new GcNotifications(onGc);
            if (cfg.gcHeap().mode() == GcMonitorMode.POLL) {
                scheduled.add(scheduler.scheduleAtFixedRate(PeriodicWork::forceGc, 1, 1, TimeUnit.SECONDS));
            }
        }
        chunks = null;
        if (cfg.profiling().enabled()) {
            long every = cfg.profiling().uploadInterval().toMillis();
            ProfileChunks cutter = new ProfileChunks(chunkServices, cfg.profiling().uploadInterval().dividedBy(2));
            chunks = cutter;
            scheduled.add(scheduler.scheduleAtFixedRate(() -> cutter.cut(false), every, every, TimeUnit.MILLISECONDS));
        }
    }

    /** Stops GC monitoring: the first step of stop(). */
    void closeGcNotifications() {
        if (gcNotifications != null) {
            gcNotifications.close();
            gcNotifications = null;
        }
    }

    /**
     * Stops the scheduler and cuts the last profiling chunk (the samples since the previous one).
     *
     * @param millis how long to wait for a running task
     */
    void shutdown(long millis) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ProfileChunks last = chunks;
        if (last != null) {
            last.cut(true);
        }
    }

    @SuppressWarnings("java:S1215") // poll mode exists to force collections, for tests
    private static void forceGc() {
        System.gc();
    }
}
