package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ZprofConfig;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;

/**
 * Provides the {@code hotspot} dumper: heap dumps with class histograms and diffs, and thread dumps. It needs the
 * {@code jdk.management} MXBeans only, not JFR, so it stays available where JFR is missing or disabled.
 */
public final class HotspotDumperProvider implements DumperProvider {
    private static final Set<DumpKind> KINDS = Set.of(DumpKind.HEAP, DumpKind.THREADS);

    /** For {@link java.util.ServiceLoader}. */
    public HotspotDumperProvider() {
    }

    /** @return {@code hotspot} */
    @Override
    public String name() {
        return "hotspot";
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    /** @return heap and thread dumps */
    @Override
    public Set<DumpKind> kinds() {
        return KINDS;
    }

    /** @return available when the JVM has the HotSpot diagnostic MXBean */
    @Override
    public Availability availability(ProviderContext context) {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class) != null ? Availability.ok()
                    : Availability.unavailable("this JVM has no HotSpotDiagnosticMXBean");
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("this Java runtime has no jdk.management module (" + e + ")");
        }
    }

    /**
     * @param context the configuration in force
     * @return a dumper; it holds no background resources
     */
    /**
     * @param config a configuration
     * @return the dump settings, which its heap-dump guards read
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return config.dump();
    }

    @Override
    public Dumper create(ProviderContext context) {
        return new HotspotDumper(context.config().dump(), new ThreadDumps());
    }
}
