package io.zprof.spring.boot;

import io.zprof.core.Zprof;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts zprof with the application context and stops it on shutdown. Its phase is 0: it starts before the web
 * server (phase {@code Integer.MAX_VALUE - 1024} and up), so the first requests are already watched, and stops after
 * it, so a capture during the last requests still finishes. When shrinking ({@code zprof.shrink.enabled}) is on,
 * the application's {@code ThreadPoolTaskExecutor}s are registered first.
 */
public final class ZprofLifecycle implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ZprofLifecycle.class);
    /** Before the web server, after nothing in particular. */
    static final int PHASE = 0;

    private final Zprof zprof;
    private final TaskExecutorRegistrar executors;

    /**
     * @param zprof     the engine
     * @param executors registers the application's executors with the shrinker
     */
    public ZprofLifecycle(Zprof zprof, TaskExecutorRegistrar executors) {
        this.zprof = zprof;
        this.executors = executors;
    }

    /** Registers the executors (when shrinking is on) and starts sampling. */
    @Override
    public void start() {
        long t0 = System.nanoTime();
        executors.registerWhenShrinking(zprof);
        zprof.start();
        LOG.debug("zprof: started with the application context in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Stops every zprof thread, flushing reporters within {@code zprof.report.flushtimeout}. */
    @Override
    public void stop() {
        zprof.stop();
    }

    /** @return whether zprof samples */
    @Override
    public boolean isRunning() {
        return zprof.isRunning();
    }

    /** @return {@value #PHASE} */
    @Override
    public int getPhase() {
        return PHASE;
    }
}
