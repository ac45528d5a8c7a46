package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.RuleInput;

/**
 * The state of one threshold rule between cycles: its window of earlier samples, how many it has seen (warm-up)
 * and when it last fired (cooldown). The decision itself is {@link ThresholdRule}'s, a pure function.
 */
final class RuleTracker {
    final String rule;
    final Metric metric;
    private DoubleWindow window;
    private int samplesSeen;
    private long lastFired = Long.MIN_VALUE;
    // the last decision is kept as primitives, not as the Decision object, so that object never escapes the
    // cycle and the JIT can scalar-replace it: a steady-state cycle then allocates nothing
    private String lastRule;
    private io.zprof.api.model.Verdict lastVerdict;
    private double lastCurrent;
    private double lastAverage;
    private double lastThreshold;
    private int lastSeen;
    private int lastNeeded;
    private long lastUntil;
    private volatile long firedCount;

    RuleTracker(String rule, Metric metric, int windowSize) {
        this.rule = rule;
        this.metric = metric;
        this.window = new DoubleWindow(windowSize);
    }

    /** Evaluates {@code current} against the window of samples before it, then adds it to the window. */
    Decision evaluate(ThresholdRuleConfig config, int warmupCycles, double current, long nowMillis) {
        Decision d = ThresholdRule.INSTANCE.evaluate(
                new RuleInput(config, current, window.mean(), samplesSeen, warmupCycles, nowMillis, lastFired));
        if (config.enabled() && !Double.isNaN(current)) {
            window.add(current);
            samplesSeen++;
        }
        if (d.fired()) {
            lastFired = nowMillis;
            firedCount++;
        }
        lastRule = d.rule();
        lastVerdict = d.verdict();
        lastCurrent = d.current();
        lastAverage = d.average();
        lastThreshold = d.threshold();
        lastSeen = d.samplesSeen();
        lastNeeded = d.samplesNeeded();
        lastUntil = d.untilEpochMillis();
        return d;
    }

    /** A new window (its length or the interval changed); warm-up and cooldown are kept. */
    void resetWindow(int windowSize) {
        window = new DoubleWindow(windowSize);
    }

    int windowSize() {
        return window.capacity();
    }

    /** @return the last decision, or null before the first; callers hold the engine's sample lock */
    Decision lastDecision() {
        return lastVerdict == null ? null
                : new Decision(lastRule, lastVerdict, lastCurrent, lastAverage, lastThreshold, lastSeen, lastNeeded, lastUntil);
    }

    long firedCount() {
        return firedCount;
    }

    long lastFiredMillis() {
        return lastFired;
    }
}
