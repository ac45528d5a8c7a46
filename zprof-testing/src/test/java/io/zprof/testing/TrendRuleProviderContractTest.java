package io.zprof.testing;

import io.zprof.core.internal.engine.TrendRuleProvider;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@code trend} rule type keeps the contract it asks of others (checked here: zprof-core's
 * tests cannot use this kit, which is built on it).
 */
class TrendRuleProviderContractTest extends RuleProviderContract<TrendRuleProvider> {
    @Override
    protected TrendRuleProvider provider() {
        return new TrendRuleProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("rate", "10", "samples", "5");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("rate", "0"));
    }
}
