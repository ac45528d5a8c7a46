package io.zprof.dumper.async.internal;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The async-profiler captures: cpu, wall, alloc and lock for the request's duration, the pre-trigger window and the
 * continuous-profiling chunks (both from the one background session, {@link AsyncWindow}).
 * async-profiler runs one session per process, so one triggered capture runs at a time (another one asked for
 * meanwhile is skipped, saying so) and the window yields to it ({@link AsyncWindow}). A capture blocks only the
 * engine's capture thread; the application's threads are never waited for.
 */
final class AsyncDumper implements Dumper {
    /** How often a wall-clock capture adds the threads started since it began. */
    private static final Duration THREAD_REFRESH = Duration.ofSeconds(1);

    private final ProfilerEngine engine;
    private final DumpConfig config;
    private final AsyncWindow window;
    private final boolean windowServed;
    private final boolean profiling;
    private final EvidenceFiles files;
    private final AtomicBoolean capturing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * @param engine       the profiler
     * @param config       {@code zprof.dump.*}
     * @param window       the running background session (window, chunks or both), or null when neither is on here
     * @param windowServed whether {@code window} captures are served from it
     * @param profiling    whether continuous-profiling chunks are taken from it
     * @param files        writes a capture's files
     */
    AsyncDumper(ProfilerEngine engine, DumpConfig config, AsyncWindow window, boolean windowServed, boolean profiling,
                EvidenceFiles files) {
        this.engine = engine;
        this.config = config;
        this.window = window;
        this.windowServed = window != null && windowServed;
        this.profiling = window != null && profiling;
        this.files = files;
    }

    @Override
    public DumpOutcome dump(DumpRequest request) throws IOException {
        if (closing.get()) {
            return DumpOutcome.skipped("the async dumper is closed (the engine stopped or its configuration changed)");
        }
        DumpKind kind = request.kind();
        if (kind == DumpKind.PROFILE_CHUNK) {
            if (!profiling) {
                return DumpOutcome.skipped("continuous profiling is off (zprof.profiling.enabled)");
            }
            if (!window.profilePending()) {
                // a capture holds the profiler since before the previous chunk: its samples go into the next one
                return new DumpOutcome(false, "no samples to write: a capture holds the profiler");
            }
            return files.write(request, "profile", window::writeProfileTo, new ArrayList<>());
        }
        if (kind == DumpKind.WINDOW) {
            if (!windowServed) {
                return DumpOutcome.skipped("pre-trigger window is off (zprof.dump.window.enabled)");
            }
            List<String> notes = new ArrayList<>();
            if (window.suspended()) {
                notes.add("the window ends where the capture running now began");
            }
            return files.write(request, "window", window::writeTo, notes);
        }
        if (kind == DumpKind.CPU || kind == AsyncDumperProvider.WALL || kind == DumpKind.ALLOC || kind == DumpKind.LOCK) {
            return capture(request);
        }
        throw new IllegalArgumentException("the async dumper does not capture " + kind.key());
    }

    private DumpOutcome capture(DumpRequest request) throws IOException {
        DumpKind kind = request.kind();
        if (!capturing.compareAndSet(false, true)) {
            return DumpOutcome.skipped("another async-profiler capture is running (one profiler session at a time)");
        }
        try {
            Path raw = request.output().newFile(kind.key() + "-session", "jfr");
            String events = CaptureEvents.of(kind, engine.cpuEvent(), config.samplePeriod(),
                    window == null ? null : window.samplePeriod());
            if (!begin(events, raw)) {
                return DumpOutcome.skipped("async-profiler is busy with another session (a dumper being replaced)");
            }
            boolean finished = false;
            try {
                finished = await(request, kind == AsyncDumperProvider.WALL);
            } finally {
                end(raw, finished);
            }
            if (!finished) {
                Files.deleteIfExists(raw);
                return DumpOutcome.skipped("the async dumper was closed during the " + kind.key() + " capture");
            }
            try {
                return files.write(request, kind.key(), target -> Files.copy(raw, target), new ArrayList<>());
            } finally {
                Files.deleteIfExists(raw);
            }
        } finally {
            capturing.set(false);
        }
    }

    /** Suspends the window and starts the capture's session; false when another owner holds the profiler. */
    private boolean begin(String events, Path raw) throws IOException {
        if (window != null) {
            window.suspend();
        }
        try {
            engine.start(events, raw);
            return true;
        } catch (IOException e) {
            if (window != null) {
                window.resume(null);
            }
            if (engine.running()) {
                return false;
            }
            throw e;
        }
    }

    /** Stops the capture's session and gives its file to the window (when it ran to the end), then resumes it. */
    private void end(Path raw, boolean finished) throws IOException {
        try {
            engine.stop(raw);
        } finally {
            if (window != null) {
                window.resume(finished ? raw : null);
            }
        }
    }

    /** Waits out the capture; a wall-clock one keeps adding new threads. @return false when closed meanwhile */
    private boolean await(DumpRequest request, boolean wall) throws IOException {
        long deadline = System.nanoTime() + duration(request).toNanos();
        try {
            while (true) {
                if (wall) {
                    ZprofThreads.forEachApplicationThread(engine::include);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                if (closed.await(Math.min(left, THREAD_REFRESH.toNanos()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the " + request.kind().key() + " capture was interrupted");
        }
    }

    private Duration duration(DumpRequest request) {
        Duration d = request.duration();
        return d == null || d.isZero() || d.isNegative() ? config.cpuDuration() : d;
    }

    /** Stops the window and ends a capture in progress (it returns "skipped"). Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed.countDown();
        if (window != null) {
            window.close();
        }
    }
}
