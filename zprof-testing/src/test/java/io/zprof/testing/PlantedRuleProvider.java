package io.zprof.testing;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Decision;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import java.util.Set;

/**
 * A rule type that keeps the contract (fires above {@code level}), with hooks a test overrides to break one clause
 * at a time; listed in this module's test services file.
 */
public class PlantedRuleProvider implements RuleProvider {
    @Override
    public String name() {
        return "planted";
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("level");
    }

    @Override
    public Rule create(RuleContext context) {
        double level = context.settings().getDouble("level", 0);
        if (level < 0) {
            throw new ConfigurationException(context.settings().fullKey("level"), context.settings().get("level"), "must be >= 0");
        }
        return new Rule() {
            @Override
            public Verdict evaluate(RuleInput input) {
                return PlantedRuleProvider.this.evaluate(input, level);
            }

            @Override
            public Decision explain(RuleInput input, Verdict verdict) {
                return Decision.of(input, verdict.fired(), level, Decision.num(input.current()) + " against " + level);
            }
        };
    }

    /** @param input the sample @param level the setting @return the verdict: above the level or not */
    Verdict evaluate(RuleInput input, double level) {
        return input.current() > level ? Verdict.FIRED : Verdict.NOT_FIRED;
    }
}
