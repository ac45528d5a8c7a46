package io.zprof.api.config;

import io.zprof.api.model.DumpKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A min / absolute / growth rule on one metric (cpu %, memory %, JVM threads, OS threads).
 * Fires when {@code current > min && current > abs}, or when
 * {@code current > min && average > 0 && (current - average) / average > diff / 100}; never during warm-up or
 * cooldown, never above {@code max}. Zero {@code abs}, {@code diff} or {@code max} disables that branch.
 *
 * @param rule     the rule's name, which is also its key prefix ({@code cpu} → {@code zprof.cpu.*})
 * @param enabled  off until enabled, as in the original
 * @param min      the value must exceed this before anything fires
 * @param abs      absolute threshold (0 = off)
 * @param diff     growth threshold in percent over the window average (0 = off)
 * @param cooldown minimum time between two firings
 * @param max      above this the rule never fires (0 = no max)
 * @param dumps    what to capture when it fires
 */
public record ThresholdRuleConfig(String rule, boolean enabled, double min, double abs, double diff, Duration cooldown,
                                  double max, List<DumpKind> dumps) {
    /**
     * Validates every component, alone and then together (abs and max against min, every conflict reported at
     * once); a failure names {@code zprof.<rule>.<field>} and the value.
     */
    public ThresholdRuleConfig {
        SingleSettingChecks.required("rule", rule);
        String p = "zprof." + rule + ".";
        SingleSettingChecks.nonNegative(p + "min", min);
        SingleSettingChecks.nonNegative(p + "abs", abs);
        SingleSettingChecks.nonNegative(p + "diff", diff);
        SingleSettingChecks.nonNegative(p + "max", max);
        SingleSettingChecks.upTo(p + "cooldown", cooldown, SingleSettingChecks.LONGEST_WAIT);
        dumps = List.copyOf(SingleSettingChecks.required(p + "dumps", dumps));
        List<ConfigurationException> together = new ArrayList<>();
        if (abs > 0 && abs < min) {
            together.add(new ConfigurationException(p + "abs", abs, "must be >= " + p + "min (" + min + ") or 0 to disable"));
        }
        if (max > 0 && max <= min) {
            together.add(new ConfigurationException(p + "max", max, "must be > " + p + "min (" + min + ") or 0 for no max"));
        }
        ConfigProblems.throwIfAny(together);
    }

    /** @return a builder starting from this configuration */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Mutable builder: the setters check nothing, {@link #build()} validates, so settings that are checked against
     * each other (abs and min) can be set in any order.
     */
    public static final class Builder {
        private final String rule;
        private boolean enabled;
        private double min;
        private double abs;
        private double diff;
        private Duration cooldown;
        private double max;
        private List<DumpKind> dumps;

        Builder(ThresholdRuleConfig c) {
            rule = c.rule;
            enabled = c.enabled;
            min = c.min;
            abs = c.abs;
            diff = c.diff;
            cooldown = c.cooldown;
            max = c.max;
            dumps = c.dumps;
        }

        /** @param v on or off @return this */
        public Builder enabled(boolean v) { enabled = v; return this; }
        /** @param v minimum value @return this */
        public Builder min(double v) { min = v; return this; }
        /** @param v absolute threshold, 0 = off @return this */
        public Builder abs(double v) { abs = v; return this; }
        /** @param v growth threshold in percent, 0 = off @return this */
        public Builder diff(double v) { diff = v; return this; }
        /** @param v time between firings @return this */
        public Builder cooldown(Duration v) { cooldown = v; return this; }
        /** @param v suppress above this, 0 = no max @return this */
        public Builder max(double v) { max = v; return this; }
        /** @param v what to capture @return this */
        public Builder dumps(DumpKind... v) { dumps = List.of(v); return this; }
        /** @param v what to capture @return this */
        public Builder dumps(List<DumpKind> v) { dumps = v; return this; }

        /** @return the validated configuration */
        public ThresholdRuleConfig build() {
            return new ThresholdRuleConfig(rule, enabled, min, abs, diff, cooldown, max, dumps);
        }
    }
}
