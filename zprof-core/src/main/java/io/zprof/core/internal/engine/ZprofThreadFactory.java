package io.zprof.core.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place zprof creates threads: daemons named {@code zprof-<purpose>-<n>}, so they never keep the host
 * application alive and are easy to recognise in a thread dump. Uncaught exceptions are logged, never printed.
 */
public final class ZprofThreadFactory implements ThreadFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ZprofThreadFactory.class);
    private final String prefix;
    private final AtomicInteger counter = new AtomicInteger();

    /** @param purpose a short word: {@code sampler}, {@code capture}, {@code report-http} */
    public ZprofThreadFactory(String purpose) {
        this.prefix = "zprof-" + purpose + "-";
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + counter.incrementAndGet());
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("uncaught exception in {}", th.getName(), e));
        return t;
    }
}
