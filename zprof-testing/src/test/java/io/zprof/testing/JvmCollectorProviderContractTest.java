package io.zprof.testing;

import io.zprof.core.internal.jvm.JvmCollectorProvider;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's own fallback collector keeps the contract it asks of others (checked here: zprof-core's tests
 * cannot use this kit, which is built on it).
 */
class JvmCollectorProviderContractTest extends CollectorProviderContract<JvmCollectorProvider> {
    @Override
    protected JvmCollectorProvider provider() {
        return new JvmCollectorProvider();
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.empty();
    }
}
