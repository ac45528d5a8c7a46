package io.zprof.core.internal.engine;

import io.zprof.api.config.GcHeapConfig;
import java.time.Instant;
import java.util.Locale;

/**
 * The GC-heap rule's state machine, driven by GC observations: armed → (occupancy after GC above the trigger
 * ratio) capture → a further capture at each following GC until {@code dumpCount} → cooldown → armed. GCs that
 * happen while a capture runs (a live heap dump forces one) are ignored. Not thread-safe: the engine serializes.
 */
final class GcHeapTrigger {
    /** What to do after a GC. */
    enum Action { NONE, CAPTURE }

    private boolean capturing;
    private int captured;
    private long cooldownUntil = Long.MIN_VALUE;
    private long seriesId;
    private String reason = "no GC observed yet";
    private double lastRatio = Double.NaN;
    private long firedCount;
    private long lastFired = Long.MIN_VALUE;

    Action onGc(GcHeapConfig cfg, double ratio, long nowMillis, long newSeriesId) {
        lastRatio = ratio;
        if (!cfg.enabled()) {
            reason = "disabled";
            return Action.NONE;
        }
        if (capturing) {
            reason = "capture " + captured + "/" + cfg.dumpCount() + " running; GC ignored";
            return Action.NONE;
        }
        if (captured > 0 && captured < cfg.dumpCount()) {
            capturing = true;
            captured++;
            reason = "fired: capture " + captured + "/" + cfg.dumpCount() + " at the next GC (heap after GC " + pct(ratio) + ")";
            return Action.CAPTURE;
        }
        if (nowMillis < cooldownUntil) {
            reason = "cooldown until " + Instant.ofEpochMilli(cooldownUntil) + " (heap after GC " + pct(ratio) + ")";
            return Action.NONE;
        }
        if (ratio > cfg.triggerRatio()) {
            capturing = true;
            captured = 1;
            seriesId = newSeriesId;
            firedCount++;
            lastFired = nowMillis;
            reason = "fired: heap after GC " + pct(ratio) + " > ratio " + pct(cfg.triggerRatio()) + " (capture 1/" + cfg.dumpCount() + ")";
            return Action.CAPTURE;
        }
        reason = "not fired: heap after GC " + pct(ratio) + " <= ratio " + pct(cfg.triggerRatio());
        return Action.NONE;
    }

    /** A capture finished: wait for the next GC, or start the cooldown after the last one. */
    void captureDone(GcHeapConfig cfg, long nowMillis) {
        capturing = false;
        if (captured >= cfg.dumpCount()) {
            captured = 0;
            cooldownUntil = nowMillis + cfg.cooldown().toMillis();
            reason = "series of " + cfg.dumpCount() + " captures done; cooldown until " + Instant.ofEpochMilli(cooldownUntil);
        } else {
            reason = "capture " + captured + "/" + cfg.dumpCount() + " done; the next one at the next GC";
        }
    }

    /**
     * Forgets a series a stop cut short: its queued captures were dropped and will never report done, so without
     * this every later GC would be ignored as "capture running". Cooldown and counts are kept.
     */
    void abandonSeries() {
        capturing = false;
        captured = 0;
    }

    int capturedInSeries() {
        return captured;
    }

    long seriesId() {
        return seriesId;
    }

    String reason() {
        return reason;
    }

    double lastRatio() {
        return lastRatio;
    }

    long firedCount() {
        return firedCount;
    }

    long lastFired() {
        return lastFired;
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
