package io.zprof.examples.customrule.internal;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.util.Map;
import java.util.Set;

/**
 * A complete third-party rule type in one class: {@code spike} fires when the current value is more than
 * {@code factor} times the mean of the window before it. It depends on zprof-api only and is found through its
 * {@code META-INF/services} line; use it with {@code zprof.rule.<name>.type=spike},
 * {@code zprof.rule.<name>.metric=<metric key>} and {@code zprof.rule.<name>.factor=3}. The engine handles the
 * rest (enabled, warm-up, cooldown, dumps).
 */
public final class SpikeRuleProvider implements RuleProvider {
    /** The largest factor accepted: beyond it the rule could never fire on a real metric. */
    static final double MAX_FACTOR = 1000;

    @Override
    public String name() {
        return "spike";
    }

    /** @return its one setting: how many times the window mean the current value must exceed */
    @Override
    public Set<String> settingKeys() {
        return Set.of("factor");
    }

    /**
     * @param context the rule's name, metric and settings
     * @return the rule
     * @throws ConfigurationException naming {@code zprof.rule.<name>.factor} and its value when it is missing, not
     *                                a number, or not above 1 (a "spike" no higher than the mean is none)
     */
    @Override
    public Rule create(RuleContext context) {
        ConfigProperties s = context.settings();
        String raw = s.get("factor");
        if (raw == null || raw.isBlank()) {
            throw new ConfigurationException(s.fullKey("factor"), "''", "required: how many times the window mean is a spike");
        }
        double factor = s.getDouble("factor", 0);
        if (!(factor > 1 && factor <= MAX_FACTOR)) {
            throw new ConfigurationException(s.fullKey("factor"), raw, "must be above 1 and at most " + MAX_FACTOR);
        }
        return new SpikeRule(factor);
    }

    /** The rule itself: pure, and allocation-free in {@link #evaluate}, as the engine's quiet cycle needs. */
    private static final class SpikeRule implements Rule {
        private final double factor;

        SpikeRule(double factor) {
            this.factor = factor;
        }

        @Override
        public Verdict evaluate(RuleInput in) {
            // an empty window (right after start) has no mean to compare with; a mean of 0 or less gives no ratio
            return in.count() > 0 && in.mean() > 0 && in.current() > factor * in.mean() ? Verdict.FIRED : Verdict.NOT_FIRED;
        }

        @Override
        public Decision explain(RuleInput in, Verdict verdict) {
            double limit = factor * in.mean();
            if (in.count() == 0 || !(in.mean() > 0)) {
                return Decision.of(in, false, limit, "no positive window mean to compare " + Decision.num(in.current()) + " with");
            }
            return Decision.of(in, verdict.fired(), limit, Decision.num(in.current()) + (verdict.fired() ? " > " : " <= ")
                    + Decision.num(factor) + " x window mean " + Decision.num(in.mean()));
        }

        @Override
        public Map<String, Double> thresholds() {
            return Map.of("factor", factor);
        }
    }
}
