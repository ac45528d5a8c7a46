package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.Verdict;

/**
 * The state of one threshold rule between cycles: its window of earlier samples, how many it has seen (warm-up)
 * and when it last fired (cooldown). The decision itself is {@link ThresholdRule}'s, a pure function.
 *
 * <p>The cooldown keeps a rule from taking the same evidence again: a capture that wrote nothing (dump directory
 * unusable, capture queue full) took none, so the rule may fire again {@link #RETRY_AFTER_NOTHING_WRITTEN_MILLIS}
 * after it (or after its cooldown, when that is shorter) instead of staying silent for the whole cooldown.
 */
final class RuleTracker {
    /** How soon a rule whose capture wrote nothing may fire again. */
    static final long RETRY_AFTER_NOTHING_WRITTEN_MILLIS = 60_000;

    final String rule;
    final Metric metric;
    private DoubleWindow window;
    private int samplesSeen;
    private long lastFired = Long.MIN_VALUE;
    /** Where the cooldown counts from: the last firing, or earlier after a capture that wrote nothing. */
    private long cooldownFrom = Long.MIN_VALUE;
    /** Set by a capture thread: the firing at this time wrote nothing. */
    private volatile long wroteNothingAt = Long.MIN_VALUE;
    // the last decision is kept as primitives, not as the Decision object, so that object never escapes the
    // cycle and the JIT can scalar-replace it: a steady-state cycle then allocates nothing
    private ThresholdRuleConfig lastConfig;
    private Verdict lastVerdict;
    private double lastCurrent;
    private double lastAverage;
    private int lastSeen;
    private int lastNeeded;
    private long lastFiredBefore;
    private volatile long firedCount;

    RuleTracker(String rule, Metric metric, int windowSize) {
        this.rule = rule;
        this.metric = metric;
        this.window = new DoubleWindow(windowSize);
    }

    /**
     * Evaluates {@code current} against the window of samples before it, then adds it to the window.
     * Returns only whether the rule fired: the decision stays local so the JIT can keep it off the heap; read it
     * with {@link #lastDecision()} when needed.
     */
    boolean evaluate(ThresholdRuleConfig config, int warmupCycles, double current, long nowMillis) {
        double average = window.mean();
        long failed = wroteNothingAt;
        if (failed != Long.MIN_VALUE && failed == lastFired) {
            long cooldown = config.cooldown().toMillis();
            cooldownFrom = failed - cooldown + Math.min(cooldown, RETRY_AFTER_NOTHING_WRITTEN_MILLIS);
            wroteNothingAt = Long.MIN_VALUE;
        }
        Verdict v = ThresholdRule.verdict(config, current, average, samplesSeen, warmupCycles, nowMillis, cooldownFrom);
        lastConfig = config;
        lastVerdict = v;
        lastCurrent = current;
        lastAverage = average;
        lastSeen = samplesSeen;
        lastNeeded = warmupCycles;
        lastFiredBefore = cooldownFrom;
        // a non-finite sample is not a measurement (ThresholdRule answers NO_DATA): it neither counts for warm-up
        // nor enters the window, where one infinity would make every mean infinite or NaN until it left
        if (config.enabled() && Double.isFinite(current)) {
            window.add(current);
            samplesSeen++;
        }
        if (v.fired()) {
            lastFired = nowMillis;
            cooldownFrom = nowMillis;
            firedCount++;
        }
        return v.fired();
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
                : ThresholdRule.decision(lastConfig, lastVerdict, lastCurrent, lastAverage, lastSeen, lastNeeded, lastFiredBefore);
    }

    /**
     * Called from the capture thread when the capture of a firing wrote nothing; the next evaluation shortens
     * that firing's cooldown (see the class comment).
     *
     * @param firedAtMillis the firing's time
     */
    void captureWroteNothing(long firedAtMillis) {
        wroteNothingAt = firedAtMillis;
    }

    long firedCount() {
        return firedCount;
    }

    long lastFiredMillis() {
        return lastFired;
    }
}
