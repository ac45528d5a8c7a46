package io.zprof.testing;

import io.zprof.core.internal.engine.ThresholdRuleProvider;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@code threshold} rule type keeps the contract it asks of others (checked here: zprof-core's
 * tests cannot use this kit, which is built on it).
 */
class ThresholdRuleProviderContractTest extends RuleProviderContract<ThresholdRuleProvider> {
    @Override
    protected ThresholdRuleProvider provider() {
        return new ThresholdRuleProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("abs", "80", "diff", "50");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("abs", "-5"));
    }
}
