package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.ConfigValues;
import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ProfilingConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import io.zprof.support.jfr.JfrFileWriter;
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
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JFR captures. Triggered kinds (cpu, alloc, lock, threadcreate) each run their own recording for the
 * request's duration, so several may run at once; the pre-trigger window and continuous profiling are recordings
 * started with the dumper and stopped by {@link #close()}. Every recording uses {@link JfrSettings}. Runs no thread
 * of its own: a capture blocks the engine's capture thread for its duration.
 */
final class JfrDumper implements Dumper {
    private static final Logger LOG = LoggerFactory.getLogger(JfrDumper.class);
    /** Bounds of the continuous-profiling recording in case chunks stop being collected. */
    private static final long PROFILING_MAX_SIZE = 64L * 1024 * 1024;
    private static final Duration PROFILING_MIN_AGE = Duration.ofMinutes(1);

    private final DumpConfig config;
    private final ThreadDumps threadDumps;
    private final FlameGraphs flameGraphs;
    private final ContinuousRecording window;
    private final ContinuousRecording profiling;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    /**
     * Starts the pre-trigger window and the continuous-profiling recording when they are enabled.
     *
     * @param config      dump settings ({@code zprof.dump.*})
     * @param profile     continuous profiling ({@code zprof.profiling.*})
     * @param threadDumps the thread dumper (thread-creation captures add a thread dump)
     * @param flameGraphs the optional flame graph converter
     */
    JfrDumper(DumpConfig config, ProfilingConfig profile, ThreadDumps threadDumps, FlameGraphs flameGraphs) {
        this.config = config;
        this.threadDumps = threadDumps;
        this.flameGraphs = flameGraphs;
        if (config.flameGraph()) {
            flameGraphs.unavailableReason().ifPresent(LOG::warn);
        }
        this.window = config.window().enabled()
                ? ContinuousRecording.start(JfrSettings.RECORDING_PREFIX + "window",
                        JfrSettings.window(config.window().samplePeriod()), config.window().maxAge(),
                        config.window().maxSize())
                : null;
        try {
            this.profiling = profile.enabled()
                    ? ContinuousRecording.start(JfrSettings.RECORDING_PREFIX + "profile",
                            JfrSettings.profiling(config.samplePeriod()), maxAge(profile), PROFILING_MAX_SIZE)
                    : null;
        } catch (RuntimeException e) {
            if (window != null) {
                window.close();
            }
            throw e;
        }
        if (window != null || profiling != null) {
            JfrRepositoryCheck.warnOnceIfReadableByOthers();
        }
        if (window != null) {
            LOG.info("JFR pre-trigger window on: the last {} (at most {}) are kept, sampled every {}",
                    ConfigValues.formatDuration(config.window().maxAge()), Units.bytes(config.window().maxSize()),
                    ConfigValues.formatDuration(config.window().samplePeriod()));
        }
    }

    private static Duration maxAge(ProfilingConfig profile) {
        Duration threeChunks = profile.uploadInterval().multipliedBy(3);
        return threeChunks.compareTo(PROFILING_MIN_AGE) > 0 ? threeChunks : PROFILING_MIN_AGE;
    }

    @Override
    public DumpOutcome dump(DumpRequest request) throws IOException {
        if (closing.get()) {
            return DumpOutcome.skipped("the jfr dumper is closed (the engine stopped or its configuration changed)");
        }
        DumpKind kind = request.kind();
        if (kind == DumpKind.CPU || kind == DumpKind.ALLOC || kind == DumpKind.LOCK) {
            return triggered(request, config.cpuDuration(), summary(kind));
        }
        if (kind == DumpKind.THREADCREATE) {
            DumpOutcome outcome = triggered(request, config.threadCreateDuration(), new ThreadStartSummary());
            if (!outcome.skipped()) {
                threadDumps.write(request);
            }
            return outcome;
        }
        if (kind == DumpKind.WINDOW) {
            if (window == null) {
                return DumpOutcome.skipped("pre-trigger window is off (zprof.dump.window.enabled)");
            }
            return write(request, "window", window::dump, ProfileSummary.cpu("pre-trigger window, cpu samples"));
        }
        if (kind == DumpKind.PROFILE_CHUNK) {
            if (profiling == null) {
                return DumpOutcome.skipped("continuous profiling is off (zprof.profiling.enabled)");
            }
            return write(request, "profile", profiling::rotate, ProfileSummary.cpu("continuous profile chunk"));
        }
        throw new IllegalArgumentException("the jfr dumper does not capture " + kind.key());
    }

    private static JfrSummary summary(DumpKind kind) {
        if (kind == DumpKind.ALLOC) {
            return ProfileSummary.alloc();
        }
        return kind == DumpKind.LOCK ? ProfileSummary.lock() : ProfileSummary.cpu("cpu profile");
    }

    /** Runs a recording of the kind for the request's duration (or the default), then writes its files. */
    private DumpOutcome triggered(DumpRequest request, Duration defaultDuration, JfrSummary summary)
            throws IOException {
        Duration duration = request.duration() == null || request.duration().isZero()
                || request.duration().isNegative() ? defaultDuration : request.duration();
        PeriodicTaskGuard.ensureStarted();
        Recording recording = new Recording(JfrSettings.capture(request.kind(), config.samplePeriod()));
        try {
            recording.setName(JfrSettings.RECORDING_PREFIX + request.kind().key() + "-" + request.eventId());
            recording.setToDisk(true);
            recording.start();
            if (closed.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                return DumpOutcome.skipped("the jfr dumper was closed during the " + request.kind().key() + " recording");
            }
            recording.stop();
            return write(request, request.kind().key(), recording::dump, summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the " + request.kind().key() + " recording was interrupted");
        } finally {
            recording.close();
        }
    }

    /**
     * Writes the capture's files: the JFR file when binary forms are on, its text summary when text forms are on
     * (from a scratch JFR file that is removed when binary forms are off), and the flame graph when configured.
     */
    private DumpOutcome write(DumpRequest request, String type, JfrFileWriter.Source source, JfrSummary summary)
            throws IOException {
        if (!request.binary() && !request.text()) {
            return DumpOutcome.skipped("binary and text forms are both off for this capture");
        }
        List<String> notes = new ArrayList<>();
        Path jfr = JfrFileWriter.write(request.output(), type, source, OwnThreads::isOwn);
        try {
            if (request.text()) {
                summary.write(jfr, request.output().newFile(type, "txt"));
            }
            if (config.flameGraph() && FlameGraphs.supports(request.kind())) {
                flameGraph(request, jfr, notes);
            }
        } finally {
            if (!request.binary()) {
                Files.deleteIfExists(jfr);
            }
        }
        for (String leak : JfrSettings.foreignRecordingsWithSecrets()) {
            // JFR shares one stream between recordings: their events land in our files too
            LOG.warn("JFR {}: zprof's {} file may contain what it enables", leak, type);
            notes.add("may contain secrets: another JFR " + leak);
        }
        return new DumpOutcome(false, String.join("; ", notes));
    }

    private void flameGraph(DumpRequest request, Path jfr, List<String> notes) throws IOException {
        if (flameGraphs.unavailableReason().isPresent()) {
            notes.add(flameGraphs.unavailableReason().get());
            return;
        }
        Path html = request.output().newFile("flamegraph-" + request.kind().key(), "html");
        try {
            flameGraphs.write(request.kind(), jfr, html);
        } catch (IOException e) {
            // the recording itself is written; a failed conversion only loses its picture
            Files.deleteIfExists(html);
            LOG.warn("flame graph of {} not written", request.kind().key(), e);
            notes.add("flame graph not written: " + e.getMessage());
        }
    }

    /** Stops the window and continuous-profiling recordings and ends captures in progress. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed.countDown();
        if (window != null) {
            window.close();
        }
        if (profiling != null) {
            profiling.close();
        }
    }
}
