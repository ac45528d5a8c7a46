package io.zprof.core.internal.engine;

import io.zprof.api.config.ShrinkConfig;
import io.zprof.api.model.ShrinkRequest;
import io.zprof.api.model.ShrinkResult;
import io.zprof.api.port.Shrinker;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread shrinking, as in the Go original: JVM threads above the threshold → dump first → wait {@code delay} (let
 * requests finish) → shrink the registered pools → restore their sizes after {@code restoreAfter} → cooldown. One
 * shrink at a time. The sampler drives it; the steps run on the sampler's scheduler.
 */
final class ShrinkController {
    private static final Logger LOG = LoggerFactory.getLogger(ShrinkController.class);

    private enum Phase { IDLE, WAITING, SHRUNK }

    private Phase phase = Phase.IDLE;
    private long cooldownUntil = Long.MIN_VALUE;
    private Shrinker active;
    private volatile String reason = "no sample yet";
    private volatile long shrinkCount;

    /** Called by the sampler each cycle (under the engine's sample lock). */
    synchronized void onSample(ShrinkConfig cfg, double jvmThreads, long now, Shrinker shrinker,
                               Map<String, ThreadPoolExecutor> pools, Runnable dump, ScheduledExecutorService scheduler,
                               java.time.Clock clock) {
        if (!cfg.enabled()) {
            reason = "disabled";
            return;
        }
        if (phase != Phase.IDLE) {
            return;
        }
        if (shrinker == null) {
            reason = "no shrinker provider available";
            return;
        }
        if (now < cooldownUntil) {
            reason = "cooldown until " + Instant.ofEpochMilli(cooldownUntil);
            return;
        }
        if (!(jvmThreads > cfg.threshold())) {
            reason = "not fired: " + (long) jvmThreads + " threads <= threshold " + cfg.threshold();
            return;
        }
        phase = Phase.WAITING;
        active = shrinker;
        reason = "fired: " + (long) jvmThreads + " threads > threshold " + cfg.threshold() + "; dumped, shrinking in " + cfg.delay();
        LOG.info("zprof shrink {}", reason);
        dump.run();
        int threads = (int) jvmThreads;
        scheduler.schedule(() -> shrink(cfg, threads, pools, scheduler, clock), cfg.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void shrink(ShrinkConfig cfg, int threads, Map<String, ThreadPoolExecutor> pools,
                                     ScheduledExecutorService scheduler, java.time.Clock clock) {
        if (phase != Phase.WAITING) {
            return;
        }
        try {
            ShrinkResult r = active.shrink(new ShrinkRequest(threads, cfg.threshold(), cfg.shrinkCount(), pools));
            shrinkCount++;
            reason = "shrunk: " + r.detail() + "; restoring in " + cfg.restoreAfter();
            phase = Phase.SHRUNK;
            scheduler.schedule(() -> restore(cfg, clock), cfg.restoreAfter().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException | Error e) {
            LOG.warn("zprof: shrinking failed: {}", e.toString());
            reason = "shrink failed: " + e;
            restore(cfg, clock);
        }
    }

    private synchronized void restore(ShrinkConfig cfg, java.time.Clock clock) {
        if (phase == Phase.IDLE) {
            return;
        }
        restoreNow();
        cooldownUntil = clock.millis() + cfg.cooldown().toMillis();
        reason = "restored; cooldown until " + Instant.ofEpochMilli(cooldownUntil);
    }

    /** Puts every pool back (engine stop). */
    synchronized void restoreNow() {
        if (active != null && phase == Phase.SHRUNK) {
            try {
                active.restore();
            } catch (RuntimeException | Error e) {
                LOG.warn("zprof: restoring thread pools failed: {}", e.toString());
            }
        }
        phase = Phase.IDLE;
        active = null;
    }

    String reason() {
        return reason;
    }

    long shrinkCount() {
        return shrinkCount;
    }
}
