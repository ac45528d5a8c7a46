package io.zprof.dumper.async.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import one.profiler.AsyncProfiler;

/**
 * The process's one async-profiler: it runs one session at a time, so every start and stop goes through here. A
 * session writes one JFR file, finished when it stops. JFR options leave out what async-profiler would otherwise
 * copy into every file: system properties, the JVM and OS description (command line included) and the native
 * library list ({@code jfropts=7}), which may hold secrets.
 */
final class ProfilerEngine {
    /** {@code NO_SYSTEM_INFO | NO_SYSTEM_PROPS | NO_NATIVE_LIBS}. */
    static final int JFR_OPTIONS = 7;

    private static ProfilerEngine shared;

    private final AsyncProfiler profiler;
    private final String cpuEvent;
    private final String cpuEventNote;
    private Path running;

    /**
     * @return the process's engine, once the library is loaded; the same one for every dumper, so that a dumper
     *         being replaced and its successor never run two sessions at once
     * @throws IllegalStateException when the library did not load
     */
    static synchronized ProfilerEngine shared() {
        if (shared == null) {
            NativeLibrary.Loaded lib = NativeLibrary.load();
            if (lib.profiler() == null) {
                throw new IllegalStateException(lib.reason());
            }
            shared = new ProfilerEngine(lib.profiler());
        }
        return shared;
    }

    private ProfilerEngine(AsyncProfiler profiler) {
        this.profiler = profiler;
        String why = check("cpu");
        this.cpuEvent = why == null ? "cpu" : "itimer";
        this.cpuEventNote = why == null ? null
                : "perf_events are not usable here (" + why + "): cpu profiles sample with itimer";
    }

    /** @return {@code cpu} (perf_events) where the kernel allows it, else {@code itimer} */
    String cpuEvent() {
        return cpuEvent;
    }

    /** @return why the cpu event fell back to itimer, or null */
    String cpuEventNote() {
        return cpuEventNote;
    }

    /** @param event an event @return null when async-profiler can use it here, else what it said */
    String check(String event) {
        try {
            profiler.execute("check,event=" + event);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getMessage() == null ? e.toString() : e.getMessage().trim();
        }
    }

    /**
     * @param thread a thread wall-clock sessions (started with {@code filter}) should sample
     */
    void include(Thread thread) {
        profiler.addThread(thread);
    }

    /**
     * Starts a session writing JFR to a file.
     *
     * @param events the event options ({@code event=cpu,interval=10000000}, {@code alloc=512k} ...)
     * @param file   where the JFR goes; finished by {@link #stop(Path)}
     * @throws IOException when another session runs or async-profiler refuses the options
     */
    synchronized void start(String events, Path file) throws IOException {
        if (running != null) {
            throw new IOException("async-profiler already runs a session (writing " + running + ")");
        }
        String command = "start," + events + ",jfr,jfropts=" + JFR_OPTIONS + ",file=" + file;
        try {
            profiler.execute(command);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IOException("async-profiler refused '" + command + "': " + e.getMessage(), e);
        }
        running = file;
    }

    /**
     * Stops the session writing the file, which finishes it. Another owner's session is left alone.
     *
     * @param file the file the session was started with
     * @return whether that session ran and is now stopped
     * @throws IOException when async-profiler fails to stop
     */
    synchronized boolean stop(Path file) throws IOException {
        if (running == null || !running.equals(file)) {
            return false;
        }
        running = null;
        try {
            profiler.execute("stop");
        } catch (IllegalStateException e) {
            throw new IOException("async-profiler failed to stop the session writing " + file + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** @return whether a session runs */
    synchronized boolean running() {
        return running != null;
    }

    /** @param period a sampling period @return async-profiler's interval option value, in nanoseconds */
    static String nanos(Duration period) {
        return String.format(Locale.ROOT, "%d", period.toNanos());
    }
}
