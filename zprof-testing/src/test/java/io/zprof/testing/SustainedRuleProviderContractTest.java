package io.zprof.testing;

import io.zprof.core.internal.engine.SustainedRuleProvider;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@code sustained} rule type keeps the contract it asks of others (checked here: zprof-core's
 * tests cannot use this kit, which is built on it).
 */
class SustainedRuleProviderContractTest extends RuleProviderContract<SustainedRuleProvider> {
    @Override
    protected SustainedRuleProvider provider() {
        return new SustainedRuleProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("threshold", "40", "count", "3", "of", "5");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("count", "6"));
    }
}
