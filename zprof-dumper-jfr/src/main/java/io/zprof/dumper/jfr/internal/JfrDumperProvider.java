package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ProfilingConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import jdk.jfr.FlightRecorder;
import java.util.Optional;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Provides the {@code jfr} dumper: cpu, alloc, lock and thread-creation recordings, the pre-trigger window and
 * continuous-profiling chunks. Heap and thread dumps come from the {@code hotspot} provider, which works
 * without JFR.
 */
public final class JfrDumperProvider implements DumperProvider {
    private static final Set<DumpKind> KINDS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(DumpKind.CPU, DumpKind.ALLOC, DumpKind.LOCK,
            DumpKind.THREADCREATE, DumpKind.WINDOW, DumpKind.PROFILE_CHUNK)));

    /** For {@link java.util.ServiceLoader}. */
    public JfrDumperProvider() {
    }

    /** @return {@code jfr} */
    @Override
    public String name() {
        return "jfr";
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    /** @return the JFR kinds */
    @Override
    public Set<DumpKind> kinds() {
        return KINDS;
    }

    /** @return available when this JVM can record with JFR */
    @Override
    public Availability availability(ProviderContext context) {
        try {
            return FlightRecorder.isAvailable() ? Availability.ok()
                    : Availability.unavailable("JFR is not available in this JVM (FlightRecorder.isAvailable() is false)");
        } catch (LinkageError e) {
            return Availability.unavailable("this Java runtime has no jdk.jfr module (" + e + ")");
        }
    }

    /**
     * The engine settings its recordings are made from. The capture durations are not among them: the engine gives
     * them in every request. Whatever else changes, the pre-trigger window lives on while its own settings
     * ({@code zprof.dump.window.*}) stay: a new dumper takes over the running window ({@link WindowRecordings}).
     *
     * @param config a configuration
     * @return the window, the sample period, flame graphs and continuous profiling settings
     */
    @Override
    public Object engineSettingsRead(ZprofConfig config) {
        return List.of(config.dump().window(), config.dump().samplePeriod(), config.dump().flameGraph(),
                config.profiling());
    }

    /**
     * @param context the configuration in force
     * @return a dumper whose window and continuous-profiling recordings, when enabled and served by this provider
     *         (another dumper may have won {@code window}), are already running
     */
    @Override
    public Dumper create(ProviderContext context) {
        Set<String> served = context.selectedKeys().orElse(Set.of(DumpKind.WINDOW.key(), DumpKind.PROFILE_CHUNK.key()));
        DumpConfig dump = context.config().dump();
        if (!served.contains(DumpKind.WINDOW.key())) {
            dump = dump.toBuilder().window(w -> w.enabled(false)).build();
        }
        ProfilingConfig profiling = context.config().profiling();
        if (!served.contains(DumpKind.PROFILE_CHUNK.key())) {
            profiling = profiling.enabled(false);
        }
        return new JfrDumper(dump, profiling, new ThreadDumps(), FlameGraphs.load(JfrDumperProvider.class.getClassLoader()));
    }
}
