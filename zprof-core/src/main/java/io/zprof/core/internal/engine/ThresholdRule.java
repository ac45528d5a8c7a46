package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The min / absolute / growth rule of the Go original, exactly as design.md states it. Pure: everything it needs
 * is in its configuration and the input. Comparisons are strict; a zero abs, diff or max turns that branch off.
 * It compares the sample with the mean of the window before it.
 */
public final class ThresholdRule implements Rule {
    private final ThresholdRuleConfig config;

    /** @param config min, abs, diff and max (its enabled flag, cooldown and dumps are the engine's) */
    public ThresholdRule(ThresholdRuleConfig config) {
        this.config = config;
    }

    @Override
    public Verdict evaluate(RuleInput in) {
        return judge(config, in.current(), in.mean());
    }

    @Override
    public Decision explain(RuleInput in, Verdict v) {
        return decision(config, in.rule(), v, in.current(), in.mean(), in.samplesSeen(), 0, in.lastFiredEpochMillis());
    }

    @Override
    public Map<String, Double> thresholds() {
        Map<String, Double> t = new LinkedHashMap<>();
        t.put("min", config.min());
        t.put("abs", config.abs());
        t.put("diff", config.diff());
        t.put("max", config.max());
        return t;
    }

    /**
     * The whole rule, the engine's generic cases included, as one pure function (what the rule table checks).
     *
     * @param c             configuration
     * @param cur           the new sample; NaN (missing) or infinite gives {@link Verdict#NO_DATA}
     * @param avg           mean of the window before it (NaN when empty)
     * @param samplesBefore samples seen before this one
     * @param warmupCycles  samples that never fire
     * @param now           sample time
     * @param lastFired     last firing time, or {@link Long#MIN_VALUE}
     * @return the decision
     */
    static Decision decide(ThresholdRuleConfig c, double cur, double avg, int samplesBefore, int warmupCycles, long now,
                           long lastFired) {
        Verdict gate = RuleGates.verdict(c.enabled(), cur, samplesBefore, warmupCycles, now, lastFired,
                c.cooldown().toMillis());
        Verdict v = gate != null ? gate : judge(c, cur, avg);
        return decision(c, c.rule(), v, cur, avg, samplesBefore, warmupCycles, lastFired);
    }

    /** The threshold rule's own part: a finite sample past warm-up and cooldown. */
    static Verdict judge(ThresholdRuleConfig c, double cur, double avg) {
        if (c.max() > 0 && cur > c.max()) {
            return Verdict.OVER_MAX;
        }
        if (!(cur > c.min())) {
            return Verdict.BELOW_MIN;
        }
        if (c.abs() > 0 && cur > c.abs()) {
            return Verdict.FIRED_ABSOLUTE;
        }
        if (c.diff() > 0 && avg > 0 && (cur - avg) / avg > c.diff() / 100.0) {
            return Verdict.FIRED_GROWTH;
        }
        return Verdict.WITHIN_LIMITS;
    }

    /** @return the verdict with the threshold that decided it, for explanation */
    private static Decision decision(ThresholdRuleConfig c, String rule, Verdict v, double cur, double avg,
                                     int samplesBefore, int warmupCycles, long lastFired) {
        if (RuleGates.isGate(v)) {
            return RuleGates.decision(rule, v, cur, avg, samplesBefore, warmupCycles, lastFired, c.cooldown().toMillis());
        }
        double threshold;
        switch (v) {
            case FIRED_ABSOLUTE: threshold = c.abs(); break;
            case FIRED_GROWTH: threshold = c.diff(); break;
            case OVER_MAX: threshold = c.max(); break;
            case BELOW_MIN: threshold = c.min(); break;
            default: threshold = Double.NaN;
        }
        return new Decision(rule, v, cur, avg, threshold, samplesBefore, warmupCycles, 0);
    }
}
