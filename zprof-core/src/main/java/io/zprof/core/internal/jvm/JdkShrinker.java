package io.zprof.core.internal.jvm;

import io.zprof.api.model.ShrinkRequest;
import io.zprof.api.model.ShrinkResult;
import io.zprof.api.port.Shrinker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's answer to Go's {@code debug.SetMaxThreads}: lowers the core and maximum sizes of registered
 * {@link ThreadPoolExecutor}s and lets idle threads time out, so a leaking pool gives threads back; {@link #restore}
 * puts every size back. Threads busy with work are never interrupted.
 */
final class JdkShrinker implements Shrinker {
    private static final Logger LOG = LoggerFactory.getLogger(JdkShrinker.class);
    /** How long an idle thread of a shrunk pool lives before it exits. */
    private static final long SHRUNK_KEEP_ALIVE_MS = 1000;

    private record Original(int core, int max, boolean coreTimeout, long keepAliveNanos) {
    }

    private final Map<ThreadPoolExecutor, Original> originals = new IdentityHashMap<>();

    @Override
    public synchronized ShrinkResult shrink(ShrinkRequest request) {
        List<ThreadPoolExecutor> pools = new ArrayList<>(request.pools().values());
        int total = 0;
        for (ThreadPoolExecutor p : pools) {
            total += p.getPoolSize();
        }
        if (pools.isEmpty() || total == 0) {
            return new ShrinkResult(0, 0, "no registered thread pool has threads to give back");
        }
        int removed = 0;
        int shrunk = 0;
        for (ThreadPoolExecutor p : pools) {
            int size = p.getPoolSize();
            // each pool gives back in proportion to its share of the pooled threads
            int take = (int) Math.ceil((double) request.shrinkCount() * size / total);
            int newMax = Math.max(1, size - take);
            if (newMax >= p.getMaximumPoolSize() && newMax >= size) {
                continue;
            }
            originals.putIfAbsent(p, new Original(p.getCorePoolSize(), p.getMaximumPoolSize(),
                    p.allowsCoreThreadTimeOut(), p.getKeepAliveTime(TimeUnit.NANOSECONDS)));
            long keepAlive = p.getKeepAliveTime(TimeUnit.MILLISECONDS);
            // core threads may only time out with a non-zero keep-alive (fixed pools have 0)
            p.setKeepAliveTime(keepAlive > 0 ? Math.min(keepAlive, SHRUNK_KEEP_ALIVE_MS) : SHRUNK_KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
            // lower core first: the maximum may never drop below it
            p.setCorePoolSize(Math.min(p.getCorePoolSize(), newMax));
            p.setMaximumPoolSize(newMax);
            p.allowCoreThreadTimeOut(true);
            removed += Math.max(0, size - newMax);
            shrunk++;
        }
        String detail = "shrank " + shrunk + " pool(s) by " + removed + " thread(s) of " + total + " pooled";
        LOG.info("zprof: {}", detail);
        return new ShrinkResult(shrunk, removed, detail);
    }

    @Override
    public synchronized void restore() {
        originals.forEach((p, o) -> {
            // raise the maximum first: the core may never exceed it
            p.setMaximumPoolSize(Math.max(o.max(), p.getMaximumPoolSize()));
            p.setCorePoolSize(o.core());
            p.setMaximumPoolSize(o.max());
            // a zero keep-alive is only legal once core threads may no longer time out
            p.allowCoreThreadTimeOut(o.coreTimeout());
            if (o.keepAliveNanos() > 0 || !o.coreTimeout()) {
                p.setKeepAliveTime(o.keepAliveNanos(), TimeUnit.NANOSECONDS);
            }
        });
        if (!originals.isEmpty()) {
            LOG.info("zprof: restored the sizes of {} thread pool(s)", originals.size());
        }
        originals.clear();
    }
}
