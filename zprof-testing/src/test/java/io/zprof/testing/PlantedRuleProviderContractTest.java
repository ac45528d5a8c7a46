package io.zprof.testing;

import java.util.Map;
import java.util.Optional;

/** The planted rule type, unbroken, keeps the whole contract: what the broken ones fail is theirs alone. */
class PlantedRuleProviderContractTest extends RuleProviderContract<PlantedRuleProvider> {
    @Override
    protected PlantedRuleProvider provider() {
        return new PlantedRuleProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("level", "40");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("level", "-1"));
    }
}
