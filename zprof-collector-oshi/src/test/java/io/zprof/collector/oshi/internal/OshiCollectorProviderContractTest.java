package io.zprof.collector.oshi.internal;

import io.zprof.testing.CollectorProviderContract;
import java.util.Map;
import java.util.Optional;

/** The OSHI collector keeps the provider contract (and is registered in this module's services file). */
class OshiCollectorProviderContractTest extends CollectorProviderContract<OshiCollectorProvider> {
    @Override
    protected OshiCollectorProvider provider() {
        return new OshiCollectorProvider();
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.empty();
    }
}
