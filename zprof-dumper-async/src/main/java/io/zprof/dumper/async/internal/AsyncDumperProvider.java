package io.zprof.dumper.async.internal;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ProfilingConfig;
import io.zprof.api.config.WindowConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>It also serves {@code profile_chunk}, the continuous-profiling chunks ({@code zprof.profiling.enabled}) the
 * Pyroscope reporter uploads: from the same async-profiler session as the window ({@link AsyncWindow}), written as
 * JFR. {@code status()} names the dumper that produces them ({@code selectedFor}).
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
            List.of(DumpKind.CPU, WALL, DumpKind.ALLOC, DumpKind.LOCK, DumpKind.WINDOW, DumpKind.PROFILE_CHUNK)));
    /** Disk the ring may use when the session runs for continuous-profiling chunks only: no window is written. */
    private static final long CHUNKS_ONLY_RING = 1024L * 1024;
    /** The ring's reach when the session runs for continuous-profiling chunks only: its rotation is the slowest. */
    private static final Duration CHUNKS_ONLY_REACH = Duration.ofHours(1);

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

    /** @return cpu, wall, alloc, lock, window and profile_chunk */
    @Override
    public Set<DumpKind> kinds() {
        return KINDS;
    }

    /**
     * Loads the native library on the first call (into a private directory).
     *
     * @return available when async-profiler loaded, else why not
     */
    @Override
    public Availability availability(ProviderContext context) {
        String reason = NativeLibrary.load().reason();
        return reason == null ? Availability.ok() : Availability.unavailable(reason);
    }

    /**
     * @param context the configuration in force
     * @return a dumper whose background session (the window and the continuous-profiling chunks, those of the two
     *         that are enabled and served by it) is already running
     */
    @Override
    public Dumper create(ProviderContext context) {
        ProfilerEngine engine = ProfilerEngine.shared();
        if (engine.cpuEventNote() != null) {
            LOG.info("zprof: {}", engine.cpuEventNote());
        }
        DumpConfig dump = context.config().dump();
        ProfilingConfig profile = context.config().profiling();
        boolean window = dump.window().enabled() && serves(context, DumpKind.WINDOW);
        boolean chunks = profile.enabled() && serves(context, DumpKind.PROFILE_CHUNK);
        AsyncWindow w = null;
        if (window || chunks) {
            WindowConfig session = session(dump, profile, window, chunks);
            try {
                w = new AsyncWindow(engine, session, Path.of(System.getProperty("java.io.tmpdir")),
                        context.threadFactory("async-window"), Clock.systemUTC(), chunks);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the async-profiler window's private directory", e);
            }
            LOG.info("async-profiler session on for {}: {} every {}{}",
                    window && chunks ? "the pre-trigger window and continuous profiling"
                            : window ? "the pre-trigger window" : "continuous profiling",
                    engine.cpuEvent(), ConfigValues.formatDuration(session.samplePeriod()),
                    window ? ", the last " + ConfigValues.formatDuration(dump.window().maxAge()) + " (at most "
                            + dump.window().maxSize() + " bytes) kept" : "");
        }
        return new AsyncDumper(engine, dump, w, window, chunks, new EvidenceFiles());
    }

    private static boolean serves(ProviderContext context, DumpKind kind) {
        return context.selectedKeys().map(k -> k.contains(kind.key())).orElse(true);
    }

    /**
     * The background session's settings. Its one sampling period is the window's, or the chunks' ({@code
     * zprof.dump.sampleperiod}, as the JFR chunks), or the shorter of the two when it serves both: every file of a
     * chunk then has the one interval Pyroscope scales every sample by ({@code sampleRate}), since the captures that
     * join it sample at least as often ({@link CaptureEvents}). For chunks alone the ring keeps little: no window is
     * written from it.
     *
     * @param dump    {@code zprof.dump.*}
     * @param profile {@code zprof.profiling.*}
     * @param window  whether the session serves the window
     * @param chunks  whether it serves continuous-profiling chunks
     * @return the session's window settings
     */
    static WindowConfig session(DumpConfig dump, ProfilingConfig profile, boolean window, boolean chunks) {
        if (!chunks) {
            return dump.window();
        }
        if (!window) {
            // each chunk ends a file; the window's own rotation then only bounds the ring, at its slowest
            return new WindowConfig(true, CHUNKS_ONLY_REACH, CHUNKS_ONLY_RING, dump.samplePeriod());
        }
        Duration w = dump.window().samplePeriod();
        return dump.window().samplePeriod(w.compareTo(dump.samplePeriod()) < 0 ? w : dump.samplePeriod());
    }
}
