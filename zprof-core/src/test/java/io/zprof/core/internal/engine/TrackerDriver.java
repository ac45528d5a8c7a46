package io.zprof.core.internal.engine;

import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.port.Rule;
import java.util.List;
import java.util.Map;

/** Drives a {@link RuleTracker} as the engine does: configure it with a rule, then evaluate a sample. */
final class TrackerDriver {
    private TrackerDriver() {
    }

    /**
     * @param t       the tracker
     * @param c       a threshold rule's configuration (its cooldown and enabled flag included)
     * @param warmup  warm-up samples
     * @param v       the sample
     * @param now     its time
     * @return whether the rule fired
     */
    static boolean evaluate(RuleTracker t, ThresholdRuleConfig c, int warmup, double v, long now) {
        t.configure(plan(t, new ThresholdRule(c), c.enabled(), warmup, c.cooldown().toMillis()));
        return t.evaluate(v, now);
    }

    /**
     * @param t        the tracker
     * @param rule     any rule
     * @param warmup   warm-up samples
     * @param cooldown cooldown in milliseconds
     * @param v        the sample
     * @param now      its time
     * @return whether the rule fired
     */
    static boolean evaluate(RuleTracker t, Rule rule, int warmup, long cooldown, double v, long now) {
        t.configure(plan(t, rule, true, warmup, cooldown));
        return t.evaluate(v, now);
    }

    private static RulePlan plan(RuleTracker t, Rule rule, boolean on, int warmup, long cooldown) {
        return new RulePlan(t.rule, t.metric, rule, on, warmup, cooldown,
                RuleTypes.scoped("zprof.rule." + t.rule + ".", Map.of()), List.of(), t.windowSize(), Map.of(), Map.of());
    }
}
