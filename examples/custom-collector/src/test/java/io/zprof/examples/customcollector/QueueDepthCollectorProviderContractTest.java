package io.zprof.examples.customcollector;

import io.zprof.examples.customcollector.internal.QueueDepthCollectorProvider;
import io.zprof.testing.CollectorProviderContract;
import java.util.Map;
import java.util.Optional;

/** What every provider owes the engine, checked by the kit: name, availability, settings, metrics, services line. */
class QueueDepthCollectorProviderContractTest extends CollectorProviderContract<QueueDepthCollectorProvider> {
    @Override
    protected QueueDepthCollectorProvider provider() {
        return new QueueDepthCollectorProvider();
    }

    @Override
    protected Map<String, String> validSettings() {
        return Map.of("zprof.collector.queuedepth.mbean", "io.zprof.examples:type=Queue,name=contract");
    }

    @Override
    protected Optional<Map.Entry<String, String>> badSetting() {
        return Optional.of(Map.entry("zprof.collector.queuedepth.mbean", "no colon here"));
    }
}
