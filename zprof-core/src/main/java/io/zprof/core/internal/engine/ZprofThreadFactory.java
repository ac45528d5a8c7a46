package io.zprof.core.internal.engine;

import io.zprof.api.spi.ZprofThreads;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place zprof creates threads: daemons named {@code zprof-<purpose>-<n>}, so they never keep the host
 * application alive and are easy to recognise in a thread dump, in the thread group {@link ZprofThreads#GROUP_NAME},
 * so profilers can leave them out. Uncaught exceptions are logged, never printed.
 */
public final class ZprofThreadFactory implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ZprofThreadFactory.class);
    /** Never a daemon group: on JDK 17 a daemon group is destroyed with its last thread and refuses new ones. */
    private static final ThreadGroup GROUP = new ThreadGroup(ZprofThreads.GROUP_NAME);
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    /** @param purpose a short word: {@code sampler}, {@code capture}, {@code report-http} */
    public ZprofThreadFactory(String purpose) {
        this.prefix = "zprof-" + purpose + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(GROUP, r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught exception in {}", th.getName(), e));
        return t;
    }
}
