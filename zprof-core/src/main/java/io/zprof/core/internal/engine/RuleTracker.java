package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Decision;
import io.zprof.api.model.Metric;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;

/**
 * The state of one rule between cycles: its window of earlier samples, how many it has seen (warm-up) and when it
 * last fired (cooldown). It settles the generic cases ({@link RuleGates}) and asks its {@link Rule} for the rest,
 * showing itself to the rule as the {@link RuleInput}: nothing is allocated per cycle.
 *
 * <p>A sample enters the window at the next evaluation, not right after its own: until then the input still reads
 * exactly as the rule saw it, so {@link #lastDecision()} can ask the rule to explain its verdict at any time.
 *
 * <p>The cooldown keeps a rule from taking the same evidence again: a capture that wrote nothing (dump directory
 * unusable, capture queue full) took none, so the rule may fire again {@link #RETRY_AFTER_NOTHING_WRITTEN_MILLIS}
 * after it (or after its cooldown, when that is shorter) instead of staying silent for the whole cooldown.
 */
final class RuleTracker implements RuleInput {
    /** How soon a rule whose capture wrote nothing may fire again. */
    static final long RETRY_AFTER_NOTHING_WRITTEN_MILLIS = 60_000;

    final String rule;
    final Metric metric;
    private Rule impl;
    private RulePlan plan;
    private boolean enabled;
    private int warmupCycles;
    private long cooldownMillis;
    private ConfigProperties settings = ConfigProperties.empty();
    private DoubleWindow window;
    private int samplesSeen;
    private long lastFired = Long.MIN_VALUE;
    /** Where the cooldown counts from: the last firing, or earlier after a capture that wrote nothing. */
    private long cooldownFrom = Long.MIN_VALUE;
    /** Set by a capture thread: the firing at this time wrote nothing. */
    private volatile long wroteNothingAt = Long.MIN_VALUE;
    // the last evaluation, which the RuleInput methods show; kept as primitives so no object escapes the cycle
    private Verdict lastVerdict;
    private double current = Double.NaN;
    private long now;
    private int seenBefore;
    private long firedBefore = Long.MIN_VALUE;
    /** Whether {@link #current} still has to enter the window (at the next evaluation). */
    private boolean pending;
    /** The last decision as it was explained before a window reset or a new rule, else null. */
    private Decision frozen;
    private volatile long firedCount;

    /**
     * @param rule       the rule's name
     * @param metric     the metric it watches
     * @param windowSize samples the window holds
     */
    RuleTracker(String rule, Metric metric, int windowSize) {
        this.rule = rule;
        this.metric = metric;
        this.window = new DoubleWindow(windowSize);
    }

    /**
     * Sets what the rule is now (a configuration applied); warm-up, cooldown and the window are kept.
     *
     * @param p the rule, its settings and what a firing reports
     */
    void configure(RulePlan p) {
        if (impl != null && impl != p.rule() && lastVerdict != null) {
            frozen = lastDecision();
        }
        plan = p;
        impl = p.rule();
        enabled = p.enabled();
        warmupCycles = p.warmup();
        cooldownMillis = p.cooldownMillis();
        settings = p.settings();
    }

    /** @return the plan in force (dumps, thresholds and timeline settings of a firing) */
    RulePlan plan() {
        return plan;
    }

    /** @return the rule in force */
    Rule impl() {
        return impl;
    }

    /** @return whether the rule is evaluated */
    boolean enabled() {
        return enabled;
    }

    /**
     * Evaluates {@code value} against the window of samples before it. Returns only whether the rule fired: the
     * decision stays unbuilt so the cycle allocates nothing; read it with {@link #lastDecision()} when needed.
     */
    boolean evaluate(double value, long nowMillis) {
        if (pending) {
            window.add(current, now);
            pending = false;
        }
        frozen = null;
        long failed = wroteNothingAt;
        if (failed != Long.MIN_VALUE && failed == lastFired) {
            cooldownFrom = failed - cooldownMillis + Math.min(cooldownMillis, RETRY_AFTER_NOTHING_WRITTEN_MILLIS);
            wroteNothingAt = Long.MIN_VALUE;
        }
        current = value;
        now = nowMillis;
        seenBefore = samplesSeen;
        firedBefore = cooldownFrom;
        Verdict v = RuleGates.verdict(enabled, value, samplesSeen, warmupCycles, nowMillis, cooldownFrom, cooldownMillis);
        if (v == null) {
            v = impl.evaluate(this);
        }
        lastVerdict = v;
        // a non-finite sample is not a measurement (no data): it neither counts for warm-up nor enters the window,
        // where one infinity would make every mean infinite or NaN until it left
        if (enabled && Double.isFinite(value)) {
            pending = true;
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
        if (lastVerdict != null) {
            frozen = lastDecision();
        }
        pending = false;
        window = new DoubleWindow(windowSize);
    }

    int windowSize() {
        return window.capacity();
    }

    /** @return the last decision, or null before the first; callers hold the engine's sample lock */
    Decision lastDecision() {
        if (frozen != null) {
            return frozen;
        }
        if (lastVerdict == null) {
            return null;
        }
        if (RuleGates.isGate(lastVerdict)) {
            return RuleGates.decision(rule, lastVerdict, current, window.mean(), seenBefore, warmupCycles, firedBefore,
                    cooldownMillis);
        }
        return impl.explain(this, lastVerdict);
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

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public double current() {
        return current;
    }

    @Override
    public long nowEpochMillis() {
        return now;
    }

    @Override
    public int count() {
        return window.size();
    }

    @Override
    public double mean() {
        return window.mean();
    }

    @Override
    public double min() {
        return window.min();
    }

    @Override
    public double max() {
        return window.max();
    }

    @Override
    public double value(int i) {
        return window.value(i);
    }

    @Override
    public long time(int i) {
        return window.time(i);
    }

    @Override
    public int samplesSeen() {
        return seenBefore;
    }

    @Override
    public long lastFiredEpochMillis() {
        return firedBefore;
    }

    @Override
    public ConfigProperties settings() {
        return settings;
    }
}
