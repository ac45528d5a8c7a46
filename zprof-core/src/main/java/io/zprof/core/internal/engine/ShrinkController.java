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

    /** WAITING: dumped, the shrink step is scheduled; SHRINKING: the shrinker runs; SHRUNK: restore is scheduled. */
    private enum Phase { IDLE, WAITING, SHRINKING, SHRUNK }

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

    /**
     * The shrink step, on the scheduler. The shrinker is called outside this object's monitor: a third-party one
     * that hangs must not hold up {@link #restoreNow()}, and so {@code stop()}, or the sampler's next cycle.
     */
    private void shrink(ShrinkConfig cfg, int threads, Map<String, ThreadPoolExecutor> pools,
                        ScheduledExecutorService scheduler, java.time.Clock clock) {
        Shrinker shrinker;
        synchronized (this) {
            if (phase != Phase.WAITING) {
                return;
            }
            shrinker = active;
            phase = Phase.SHRINKING;
        }
        ShrinkResult result = null;
        Throwable failure = null;
        try {
            result = shrinker.shrink(new ShrinkRequest(threads, cfg.threshold(), cfg.shrinkCount(), pools));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean stoppedMeanwhile;
        synchronized (this) {
            // stop() may have come while the shrinker ran: it found nothing shrunk yet, so the pools go back here
            stoppedMeanwhile = phase != Phase.SHRINKING;
            if (!stoppedMeanwhile) {
                if (failure == null) {
                    shrinkCount++;
                    reason = "shrunk: " + result.detail() + "; restoring in " + cfg.restoreAfter();
                    phase = Phase.SHRUNK;
                    scheduler.schedule(() -> restore(cfg, clock), cfg.restoreAfter().toMillis(), TimeUnit.MILLISECONDS);
                } else {
                    LOG.warn("zprof: shrinking failed: {}", failure.toString());
                    reason = "shrink failed: " + failure;
                    phase = Phase.SHRUNK;
                }
            }
        }
        if (stoppedMeanwhile) {
            restoreQuietly(shrinker);
        } else if (failure != null) {
            restore(cfg, clock);
        }
    }

    /** The restore step, on the scheduler after {@code restoreAfter}, or at once after a failed shrink. */
    private void restore(ShrinkConfig cfg, java.time.Clock clock) {
        Shrinker shrinker;
        synchronized (this) {
            if (phase != Phase.SHRUNK) {
                return;
            }
            shrinker = active;
            phase = Phase.IDLE;
            active = null;
            cooldownUntil = clock.millis() + cfg.cooldown().toMillis();
            reason = "restored; cooldown until " + Instant.ofEpochMilli(cooldownUntil);
        }
        restoreQuietly(shrinker);
    }

    /** Puts every pool back (engine stop); a shrink still running puts them back itself when it returns. */
    void restoreNow() {
        Shrinker shrinker;
        synchronized (this) {
            shrinker = phase == Phase.SHRUNK ? active : null;
            phase = Phase.IDLE;
            active = null;
        }
        if (shrinker != null) {
            restoreQuietly(shrinker);
        }
    }

    private static void restoreQuietly(Shrinker shrinker) {
        try {
            shrinker.restore();
        } catch (RuntimeException | Error e) {
            LOG.warn("zprof: restoring thread pools failed: {}", e.toString());
        }
    }

    String reason() {
        return reason;
    }

    long shrinkCount() {
        return shrinkCount;
    }
}
