package io.zprof.examples.customrule;

import io.zprof.examples.customrule.internal.SpikeRuleProvider;
import io.zprof.testing.RuleProviderContract;
import java.util.Map;
import java.util.Optional;

/** What every rule type owes the engine, checked by the kit: name, settings, services line, a pure evaluate(). */
class SpikeRuleProviderContractTest extends RuleProviderContract<SpikeRuleProvider> {
    @Override
    protected SpikeRuleProvider provider() {
        return new SpikeRuleProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("factor", "3");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("factor", "0.5"));
    }
}
