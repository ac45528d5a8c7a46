package io.zprof.collector.cgroup.internal;

import io.zprof.testing.CollectorProviderContract;
import java.util.Map;
import java.util.Optional;

/** The cgroup collector keeps the provider contract (and is registered in this module's services file). */
class CgroupCollectorProviderContractTest extends CollectorProviderContract<CgroupCollectorProvider> {
    @Override
    protected CgroupCollectorProvider provider() {
        return new CgroupCollectorProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.collector.cgroup.refreshcycles", "5");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.collector.cgroup.refreshcycles", "often"));
    }
}
