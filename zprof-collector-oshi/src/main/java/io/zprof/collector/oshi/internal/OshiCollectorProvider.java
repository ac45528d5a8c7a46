package io.zprof.collector.oshi.internal;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.util.Collections;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Portable collector through OSHI: RSS, native threads, process CPU time, total memory and logical processors on
 * Windows, macOS, the BSDs, AIX, Solaris, and Linux without the cgroup collector. It knows nothing of containers,
 * so it ranks below the cgroup collector ({@link #PRIORITY_PORTABLE}) and above the JDK-only fallback.
 *
 * <p>OSHI classes are only touched inside {@link OshiProbe} and {@link OshiCollector}, so this class loads even when
 * OSHI or JNA is missing, and {@link #availability} can say so.
 */
public final class OshiCollectorProvider implements CollectorProvider {
    /** The provider's name. */
    public static final String NAME = "oshi";

    private static final Set<Metric> METRICS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(Metric.RSS_BYTES,
            Metric.OS_THREADS, Metric.MEMORY_LIMIT_BYTES, Metric.PROCESS_CPU_NANOS, Metric.CPU_LIMIT_CORES)));

    /** Used by {@link java.util.ServiceLoader}. */
    public OshiCollectorProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    @Override
    public int priority() {
        return PRIORITY_PORTABLE;
    }

    @Override
    public Set<Metric> metrics() {
        return METRICS;
    }

    /**
     * Unavailable when OSHI or its native bridge JNA cannot load ({@code OSHI/JNA cannot load: <error>}), when OSHI
     * does not know this platform ({@code OSHI does not support <os.name>}), or when it cannot find this process.
     */
    @Override
    public Availability availability(ProviderContext context) {
        try {
            String problem = OshiProbe.problem();
            return problem == null ? Availability.ok() : Availability.unavailable(problem);
        } catch (LinkageError e) {
            return Availability.unavailable("OSHI/JNA cannot load: " + e);
        } catch (RuntimeException e) {
            return Availability.unavailable("OSHI failed: " + e);
        }
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
        return OshiCollector.forCurrentProcess();
    }
}
