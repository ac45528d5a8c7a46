package io.zprof.dumper.jfr.internal;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ProfilingConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import io.zprof.support.jfr.JfrFileWriter;
import io.zprof.support.jfr.JfrSummary;
import io.zprof.support.jfr.OwnThreads;
import io.zprof.support.jfr.ProfileSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
    /** The window's events a thread-creation capture takes from before its recording. */
    private static final Set<String> THREAD_LIFE = Set.of("jdk.ThreadStart", "jdk.ThreadEnd");

    private final DumpConfig config;
    private final ThreadDumps threadDumps;
    private final FlameGraphs flameGraphs;
    private final WindowRecordings.Lease window;
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
        // shared with the dumper this one replaces when the window's settings did not change: its history stays
        this.window = config.window().enabled() ? WindowRecordings.acquire(config.window()) : null;
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
            return triggered(request, config.cpuDuration(), (recording, startedAt) ->
                    write(request, kind.key(), recording::dump, ProfileSummary.forType(kind.key())));
        }
        if (kind == DumpKind.THREADCREATE) {
            DumpOutcome outcome = triggered(request, config.threadCreateDuration(),
                    (recording, startedAt) -> threadCreateFiles(request, recording, startedAt));
            if (!outcome.skipped()) {
                threadDumps.write(request);
            }
            return outcome;
        }
        if (kind == DumpKind.WINDOW) {
            if (window == null) {
                return DumpOutcome.skipped("pre-trigger window is off (zprof.dump.window.enabled)");
            }
            return write(request, "window", window::dump, ProfileSummary.forType("window"));
        }
        if (kind == DumpKind.PROFILE_CHUNK) {
            if (profiling == null) {
                return DumpOutcome.skipped("continuous profiling is off (zprof.profiling.enabled)");
            }
            return write(request, "profile", profiling::rotate, ProfileSummary.forType("profile"));
        }
        throw new IllegalArgumentException("the jfr dumper does not capture " + kind.key());
    }

    /** Writes the files of a finished triggered recording. */
    @FunctionalInterface
    private interface Finish {
        DumpOutcome write(Recording recording, Instant startedAt) throws IOException;
    }

    /** Runs a recording of the kind for the request's duration (or the default), then writes its files. */
    private DumpOutcome triggered(DumpRequest request, Duration defaultDuration, Finish finish)
            throws IOException {
        Duration duration = request.duration() == null || request.duration().isZero()
                || request.duration().isNegative() ? defaultDuration : request.duration();
        PeriodicTaskGuard.ensureStarted();
        Recording recording = new Recording(JfrSettings.capture(request.kind(), config.samplePeriod()));
        try {
            recording.setName(JfrSettings.RECORDING_PREFIX + request.kind().key() + "-" + request.eventId());
            recording.setToDisk(true);
            recording.start();
            // JFR's clock, which event times use (the wall clock may differ by milliseconds)
            Instant startedAt = recording.getStartTime() == null ? Instant.now() : recording.getStartTime();
            if (closed.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                return DumpOutcome.skipped("the jfr dumper was closed during the " + request.kind().key() + " recording");
            }
            recording.stop();
            return finish.write(recording, startedAt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the " + request.kind().key() + " recording was interrupted");
        } finally {
            recording.close();
        }
    }

    /**
     * The files of a thread-creation recording. A leak is usually caught after it happened, so with the window on
     * the thread starts (and ends) the ring holds from before the recording go ahead of the recording in the same
     * file (JFR files are sequences of chunks): only those events from JDK 19 on, which can filter a recording; the
     * ring's chunks from before the recording as they are on JDK 17 and 18, which cannot (the file is then about as
     * large as the window's).
     */
    private DumpOutcome threadCreateFiles(DumpRequest request, Recording recording, Instant startedAt)
            throws IOException {
        String type = DumpKind.THREADCREATE.key();
        ThreadStartSummary summary = new ThreadStartSummary(startedAt);
        if (window == null) {
            return write(request, type, recording::dump, summary);
        }
        Path ring = request.output().newFile(type + "-ring", "jfr");
        Path filtered = null;
        try {
            window.dumpUntil(startedAt, ring);
            Path before = ring;
            if (OwnThreads.canRewrite()) {
                filtered = request.output().newFile(type + "-before", "jfr");
                JfrFileWriter.copyWithout(ring, filtered, e -> !THREAD_LIFE.contains(e.getEventType().getName())
                        || !e.getStartTime().isBefore(startedAt));
                before = filtered;
            }
            Path first = before;
            return write(request, type, target -> concatenate(first, recording, target), summary);
        } finally {
            Files.deleteIfExists(ring);
            if (filtered != null) {
                Files.deleteIfExists(filtered);
            }
        }
    }

    private static void concatenate(Path first, Recording then, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            Files.copy(first, out);
            try (InputStream in = then.getStream(null, null)) {
                if (in != null) {
                    in.transferTo(out);
                }
            }
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
        JfrFileWriter.writeForms(request, type, source, OwnThreads::isOwn, summary, jfr -> {
            if (config.flameGraph() && FlameGraphs.supports(request.kind())) {
                flameGraph(request, jfr, notes);
            }
        });
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
