package io.zprof.dumper.async.internal;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the {@code async} dumper: cpu, wall-clock, allocation and lock profiles from async-profiler (with native
 * and JVM frames), and a pre-trigger window that samples only threads that run. Its priority is above the
 * {@code jfr} dumper's, so it serves these kinds wherever async-profiler loads; where it does not (another
 * platform, another async-profiler in the process, a library the JVM refuses), it is unavailable with the reason,
 * {@code status()} shows it, and the {@code jfr} dumper serves every kind but {@code wall}.
 */
public final class AsyncDumperProvider implements DumperProvider {
    /**
     * Wall-clock profile: every thread sampled whatever it does, running or waiting, so it shows where threads wait
     * (a pool, a lock, I/O) when a CPU profile shows nothing. Declared here, so rules may list {@code wall}.
     */
    public static final DumpKind WALL = DumpKind.custom("wall");
    /** Above the {@code jfr} dumper (0). */
    static final int PRIORITY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(AsyncDumperProvider.class);
    private static final Set<DumpKind> KINDS = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(DumpKind.CPU, WALL, DumpKind.ALLOC, DumpKind.LOCK, DumpKind.WINDOW)));

    /** For {@link java.util.ServiceLoader}. */
    public AsyncDumperProvider() {
    }

    /** @return {@code async} */
    @Override
    public String name() {
        return "async";
    }

    /** @return {@value #PRIORITY}: above the {@code jfr} dumper */
    @Override
    public int priority() {
        return PRIORITY;
    }

    /** @return its settings: none */
    @Override
    public Optional<Set<String>> settingKeys() {
        return Optional.of(Set.of());
    }

    /** @return cpu, wall, alloc, lock and window */
    @Override
    public Set<DumpKind> kinds() {
        return KINDS;
    }

    /**
     * Loads the native library on the first call (into a private directory).
     *
     * @return available when async-profiler loaded and binary forms are on (it writes JFR files, not their text
     *         summaries: with text forms only, the {@code jfr} dumper serves), else why not
     */
    @Override
    public Availability availability(ProviderContext context) {
        if (!context.config().dump().binary()) {
            return Availability.unavailable("the async dumper writes JFR files only and zprof.dump.binary is off:"
                    + " the jfr dumper writes the text forms");
        }
        String reason = NativeLibrary.load().reason();
        return reason == null ? Availability.ok() : Availability.unavailable(reason);
    }

    /**
     * @param context the configuration in force
     * @return a dumper whose window, when enabled and served by it, is already running
     */
    @Override
    public Dumper create(ProviderContext context) {
        ProfilerEngine engine = ProfilerEngine.shared();
        if (engine.cpuEventNote() != null) {
            LOG.info("zprof: {}", engine.cpuEventNote());
        }
        DumpConfig dump = context.config().dump();
        boolean window = dump.window().enabled()
                && context.selectedKeys().map(k -> k.contains(DumpKind.WINDOW.key())).orElse(true);
        AsyncWindow w = null;
        if (window) {
            try {
                w = new AsyncWindow(engine, dump.window(), Path.of(System.getProperty("java.io.tmpdir")),
                        context.threadFactory("async-window"), Clock.systemUTC());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the async-profiler window's private directory", e);
            }
            LOG.info("async-profiler pre-trigger window on: the last {} (at most {} bytes) are kept, {} every {}",
                    ConfigValues.formatDuration(dump.window().maxAge()), dump.window().maxSize(), engine.cpuEvent(),
                    ConfigValues.formatDuration(dump.window().samplePeriod()));
        }
        return new AsyncDumper(engine, dump, w, new EvidenceFiles());
    }
}
