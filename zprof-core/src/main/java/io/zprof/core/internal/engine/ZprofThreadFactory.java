package io.zprof.core.internal.engine;

import io.zprof.api.spi.ProviderContext;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place zprof creates threads: daemons named {@code zprof-<purpose>-<n>}, so they never keep the host
 * application alive and are easy to recognise in a thread dump, in the thread group {@link ProviderContext#THREAD_GROUP},
 * so profilers can leave them out. Uncaught exceptions are logged, never printed.
 */
public final class ZprofThreadFactory implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ZprofThreadFactory.class);
    private static final ThreadGroup GROUP = nonDaemonGroup();
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    /** @param purpose a short word: {@code sampler}, {@code capture}, {@code report-http} */
    public ZprofThreadFactory(String purpose) {
        this.prefix = ProviderContext.THREAD_NAME_PREFIX + purpose + "-";
    }

    /**
     * A group inherits the daemon flag of its parent (the group of whichever thread loads this class), and on JDK 17
     * a daemon group is destroyed with its last thread, after which it refuses new ones.
     */
    private static ThreadGroup nonDaemonGroup() {
        ThreadGroup group = new ThreadGroup(ProviderContext.THREAD_GROUP);
        group.setDaemon(false);
        return group;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(GROUP, r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        JfrThreadExclusion.exclude(t);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught exception in {}", th.getName(), e));
        return t;
    }
}
