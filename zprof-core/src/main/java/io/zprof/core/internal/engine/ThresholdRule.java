package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;

/**
 * The min / absolute / growth rule of the Go original, exactly as design.md states it. Pure: everything it needs
 * is in the input. Comparisons are strict; a zero abs, diff or max turns that branch off.
 *
 * <p>The engine's sampler calls the primitive {@link #verdict} so a steady-state cycle allocates nothing; the
 * {@link Rule} port wraps the same function.
 */
public final class ThresholdRule implements Rule {
    /** The only instance: the rule has no state. */
    public static final ThresholdRule INSTANCE = new ThresholdRule();

    private ThresholdRule() {
    }

    @Override
    public Decision evaluate(RuleInput in) {
        Verdict v = verdict(in.config(), in.current(), in.average(), in.samplesBefore(), in.warmupCycles(),
                in.nowEpochMillis(), in.lastFiredEpochMillis());
        return decision(in.config(), v, in.current(), in.average(), in.samplesBefore(), in.warmupCycles(),
                in.lastFiredEpochMillis());
    }

    /**
     * The rule itself.
     *
     * @param c             configuration
     * @param cur           the new sample; NaN (missing) or infinite gives {@link Verdict#NO_DATA}
     * @param avg           mean of the window before it (NaN when empty)
     * @param samplesBefore samples seen before this one
     * @param warmupCycles  samples that never fire
     * @param now           sample time
     * @param lastFired     last firing time, or {@link Long#MIN_VALUE}
     * @return the verdict
     */
    static Verdict verdict(ThresholdRuleConfig c, double cur, double avg, int samplesBefore, int warmupCycles, long now,
                           long lastFired) {
        if (!c.enabled()) {
            return Verdict.DISABLED;
        }
        if (!Double.isFinite(cur)) {
            // missing (NaN), or an infinity no measurement yields: nothing to evaluate
            return Verdict.NO_DATA;
        }
        if (samplesBefore < warmupCycles) {
            return Verdict.WARMUP;
        }
        if (lastFired != Long.MIN_VALUE && now < lastFired + c.cooldown().toMillis()) {
            return Verdict.COOLDOWN;
        }
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

    /**
     * @return the verdict with the threshold that decided it, for explanation
     */
    static Decision decision(ThresholdRuleConfig c, Verdict v, double cur, double avg, int samplesBefore,
                             int warmupCycles, long lastFired) {
        double threshold;
        long until = 0;
        switch (v) {
            case FIRED_ABSOLUTE: threshold = c.abs(); break;
            case FIRED_GROWTH: threshold = c.diff(); break;
            case OVER_MAX: threshold = c.max(); break;
            case BELOW_MIN: threshold = c.min(); break;
            case COOLDOWN: threshold = Double.NaN; until = lastFired + c.cooldown().toMillis(); break;
            default: threshold = Double.NaN;
        }
        return new Decision(c.rule(), v, cur, avg, threshold, samplesBefore, warmupCycles, until);
    }
}
