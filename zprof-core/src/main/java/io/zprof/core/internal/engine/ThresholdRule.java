package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;

/**
 * The min / absolute / growth rule of the Go original, exactly as design.md states it. Pure: everything it needs
 * is in the input. Comparisons are strict; a zero abs, diff or max turns that branch off.
 */
public final class ThresholdRule implements Rule {
    /** The only instance: the rule has no state. */
    public static final ThresholdRule INSTANCE = new ThresholdRule();

    private ThresholdRule() {
    }

    @Override
    public Decision evaluate(RuleInput in) {
        ThresholdRuleConfig c = in.config();
        double cur = in.current();
        double avg = in.average();
        if (!c.enabled()) {
            return decision(in, Verdict.DISABLED, Double.NaN, 0);
        }
        if (Double.isNaN(cur)) {
            return decision(in, Verdict.NO_DATA, Double.NaN, 0);
        }
        if (in.samplesBefore() < in.warmupCycles()) {
            return decision(in, Verdict.WARMUP, Double.NaN, 0);
        }
        if (in.lastFiredEpochMillis() != Long.MIN_VALUE) {
            long until = in.lastFiredEpochMillis() + c.cooldown().toMillis();
            if (in.nowEpochMillis() < until) {
                return decision(in, Verdict.COOLDOWN, Double.NaN, until);
            }
        }
        if (c.max() > 0 && cur > c.max()) {
            return decision(in, Verdict.OVER_MAX, c.max(), 0);
        }
        if (!(cur > c.min())) {
            return decision(in, Verdict.BELOW_MIN, c.min(), 0);
        }
        if (c.abs() > 0 && cur > c.abs()) {
            return decision(in, Verdict.FIRED_ABSOLUTE, c.abs(), 0);
        }
        if (c.diff() > 0 && avg > 0 && (cur - avg) / avg > c.diff() / 100.0) {
            return decision(in, Verdict.FIRED_GROWTH, c.diff(), 0);
        }
        return decision(in, Verdict.WITHIN_LIMITS, Double.NaN, 0);
    }

    private static Decision decision(RuleInput in, Verdict v, double threshold, long until) {
        return new Decision(in.config().rule(), v, in.current(), in.average(), threshold, in.samplesBefore(),
                in.warmupCycles(), until);
    }
}
