package io.zprof.core.internal.engine;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ThresholdRuleConfig;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code threshold} rule type: the min / abs / diff / max rule the built-in cpu, memory, threads and osthreads
 * rules are, for any metric ({@code zprof.rule.<name>.type=threshold}). Settings as for those rules; all default
 * to 0 (off), so at least abs or diff must be set for it to fire.
 */
public final class ThresholdRuleProvider implements RuleProvider {
    /** This type's name. */
    public static final String NAME = "threshold";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("min", "abs", "diff", "max");
    }

    @Override
    public Rule create(RuleContext context) {
        ConfigProperties s = context.settings();
        // "rule.<name>" as the rule name makes ThresholdRuleConfig's checks name zprof.rule.<name>.<key>
        ThresholdRuleConfig c = new ThresholdRuleConfig("rule." + context.rule(), true, s.getDouble("min", 0),
                s.getDouble("abs", 0), s.getDouble("diff", 0), Duration.ZERO, s.getDouble("max", 0), List.of());
        return new ThresholdRule(c);
    }
}
