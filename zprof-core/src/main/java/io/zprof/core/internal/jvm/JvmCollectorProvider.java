package io.zprof.core.internal.jvm;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.Optional;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The lowest-priority collector, always available: it registers through zprof-core's own services file, exactly
 * like third-party providers, and supplies whatever no platform collector does.
 */
public final class JvmCollectorProvider implements CollectorProvider {
    private static final Set<Metric> METRICS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(Metric.PROCESS_CPU_NANOS, Metric.CPU_LIMIT_CORES,
            Metric.MEMORY_LIMIT_BYTES, Metric.RSS_BYTES, Metric.JVM_THREADS, Metric.HEAP_USED_BYTES, Metric.HEAP_MAX_BYTES)));

    @Override
    public String name() {
        return "jvm";
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public int priority() {
        return PRIORITY_FALLBACK;
    }

    @Override
    public Set<Metric> metrics() {
        return METRICS;
    }

    /**
     * @param config a configuration
     * @return nothing: it reads no engine setting, so no update rebuilds it
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return List.of();
    }

    @Override
    public Collector create(ProviderContext context) {
        return new JvmCollector();
    }
}
