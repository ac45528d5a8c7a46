package io.zprof.core.internal.engine;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.internal.dump.DumpDirectory;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.dump.EventFiles;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the evidence of an event off the sampler thread: runs the dumpers cheapest first (the pre-trigger
 * window before anything else; each through {@link DumpStep}), then the {@link TimelineStep}, the
 * {@link IncidentReportStep} and the {@link HolderAnalysis} when asked, applies retention, and publishes the event — with the error when a capture failed, so nothing fails silently.
 */
final class Capturer {
    private static final Logger LOG = LoggerFactory.getLogger(Capturer.class);
    private static final int QUEUE = 32;
    private static final int SERIES_KEPT = 4;

    private final EventPublisher publisher;
    private final EngineCounters counters;
    private final Clock clock;
    private final DumpDirectoryHealth health;
    private final DumpStep dumps;
    private final ThreadPoolExecutor executor;
    private final HolderAnalysis holders;
    private final Map<Long, List<Path>> seriesArtifacts = new LinkedHashMap<>();
    /** The captures queued or running (not profiling chunks), until their event is published. */
    private final Set<CaptureJob> active = ConcurrentHashMap.newKeySet();
    /** The threads running a capture (not a profiling chunk): stop() interrupts them. */
    private final Set<Thread> runningCaptures = ConcurrentHashMap.newKeySet();

    /**
     * @param publisher where events go
     * @param counters  counts failures, skips and refusals
     * @param clock     for the end of the window an event covers
     * @param health    the dump directory's health, told of its failures
     */
    Capturer(EventPublisher publisher, EngineCounters counters, Clock clock, DumpDirectoryHealth health) {
        this.publisher = publisher;
        this.counters = counters;
        this.clock = clock;
        this.health = health;
        // two workers so a 10 s CPU recording does not hold up a thread dump; they time out when idle, so a quiet
        // engine keeps no capture thread alive
        executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                new ZprofThreadFactory("capture"));
        executor.allowCoreThreadTimeOut(true);
        holders = new HolderAnalysis(counters, health);
        dumps = new DumpStep(counters, health);
    }

    void submit(CaptureJob job) {
        ZprofConfig cfg = job.generation().config();
        if (cfg.dryRun()) {
            publish(job, job.event(EventType.DRY_RUN, List.of(), "dry run: nothing captured", job.time(), job.time()), null);
            runQuietly(job.onDone(), false);
            return;
        }
        active.add(job);
        execute(new CaptureTask(job), () -> {
            if (executor.isShutdown()) {
                notCaptured(job, Counter.CAPTURE_SKIPS, "not captured: the engine stopped");
            } else {
                notCaptured(job, Counter.CAPTURE_REJECTED, "capture queue full (" + QUEUE + " waiting); nothing captured");
            }
        });
    }

    /**
     * Submits a capture unless another one is queued or running: how a capture the host asks for is refused
     * rather than queued behind (or racing) one in progress.
     *
     * @param job the capture
     * @return the capture in progress that refused this one, or {@code null} when this one was submitted
     */
    CaptureJob submitIfIdle(CaptureJob job) {
        synchronized (active) {
            CaptureJob other = active.stream().findFirst().orElse(null);
            if (other == null) {
                submit(job);
            }
            return other;
        }
    }

    /** Publishes a capture's event, then tells whoever waits for it: the event is out before the caller hears. */
    private void publish(CaptureJob job, ReportEvent event, Components leased) {
        try {
            publisher.publish(event, leased);
        } finally {
            active.remove(job);
            job.published(event);
        }
    }

    /** A queued capture, kept recognisable so that the ones stop() discards are still reported. */
    private final class CaptureTask implements Runnable {
        private final CaptureJob job;

        CaptureTask(CaptureJob job) {
            this.job = job;
        }

        @Override
        public void run() {
            Thread self = Thread.currentThread();
            runningCaptures.add(self);
            try {
                if (executor.isShutdown()) {
                    // started just as stop() interrupted the running ones
                    self.interrupt();
                }
                capture(job);
            } finally {
                runningCaptures.remove(self);
                // an interrupt meant for this capture must not reach the next task of the thread
                Thread.interrupted();
            }
        }
    }

    /** Reports a capture that did not happen, counts it, and tells whoever waits for it. */
    private void notCaptured(CaptureJob job, Counter counter, String why) {
        counters.increment(counter);
        try {
            runQuietly(job.onDone(), true);
        } finally {
            publish(job, job.event(EventType.TRIGGER, List.of(), why, job.time(), job.time()), null);
        }
    }

    synchronized List<Path> seriesArtifacts(long series) {
        return List.copyOf(seriesArtifacts.getOrDefault(series, List.of()));
    }

    /**
     * Takes no more work, reports the captures still waiting in the queue as not captured, and interrupts the
     * captures running. Profiling chunks, queued or running, are left to finish (the last one is cut at stop):
     * {@link #awaitTermination} interrupts them only when the stop budget runs out.
     */
    void shutdown() {
        for (Runnable r : executor.getQueue().toArray(new Runnable[0])) {
            if (r instanceof CaptureTask && executor.remove(r)) {
                notCaptured(((CaptureTask) r).job, Counter.CAPTURE_SKIPS, "not captured: the engine stopped before the capture started");
            }
        }
        executor.shutdown();
        runningCaptures.forEach(Thread::interrupt);
        holders.shutdown();
    }

    /** @param millis how long to wait for the work left; what still runs then is interrupted */
    void awaitTermination(long millis) {
        try {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            holders.awaitTermination(Math.max(0, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param task       work for the capture threads (a profiling chunk)
     * @param onRejected run on the caller's thread when the queue is full or the capturer stopped
     */
    void execute(Runnable task, Runnable onRejected) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            onRejected.run();
        }
    }

    private void capture(CaptureJob job) {
        Components comps = job.generation().components();
        if (comps == null || !comps.acquire()) {
            notCaptured(job, Counter.CAPTURE_SKIPS, "not captured: the engine stopped or was reconfigured before the capture started");
            return;
        }
        try {
            captureWith(job);
        } finally {
            comps.release();
        }
    }

    private void captureWith(CaptureJob job) {
        ZprofConfig cfg = job.generation().config();
        DumpConfig dc = cfg.dump();
        List<ArtifactRef> artifacts = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        DumpDirectory dir = new DumpDirectory(dc.directory(), health);
        try {
            EventFiles files = dir.open(job.eventId(), job.time());
            for (DumpKind kind : CaptureContents.orderedKinds(job)) {
                dumps.capture(job, kind, files, artifacts, errors);
            }
            artifacts.addAll(TimelineStep.write(job, files, errors));
            Optional<HolderAnalysis.Work> analysis = HolderAnalysis.pair(job, artifacts)
                    .flatMap(pair -> holders.announce(job, files, pair, artifacts));
            // last, as it reads the others; first in the list, as it is where a person starts
            artifacts.addAll(0, IncidentReportStep.write(job, files, artifacts));
            holders.launch(analysis);
            logWritten(job, artifacts, dir);
            dir.enforceRetention(dc.maxFiles(), dc.maxBytes());
        } catch (IOException e) {
            // logged once, not per capture, and shown in status()
            health.unusable(dir.path(), e.getMessage());
            counters.increment(Counter.CAPTURE_FAILURES);
            errors.add("dump directory unusable: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            errors.add("capture failed: " + e);
            LOG.warn("zprof: capture for event {} failed", job.eventId(), e);
        } finally {
            try {
                rememberSeries(job, artifacts);
                // before the event is published: whoever sees the event sees the rule already told
                runQuietly(job.onDone(), artifacts.isEmpty() && !errors.isEmpty());
            } finally {
                Instant from = artifacts.stream().anyMatch(a -> a.kind().equals(DumpKind.WINDOW.key()))
                        ? job.time().minus(dc.window().maxAge()) : job.time();
                // the capture's own components, leased, stand in when stop() has left the engine without any
                publish(job, job.event(EventType.TRIGGER, artifacts, errors.isEmpty() ? null : String.join("; ", errors),
                        from, clock.instant()), job.generation().components());
            }
        }
    }

    /** Names the event's report (or its first file) and where the bundle is: the line a person looks for. */
    private static void logWritten(CaptureJob job, List<ArtifactRef> artifacts, DumpDirectory dir) {
        if (artifacts.isEmpty()) {
            return;
        }
        ArtifactRef first = artifacts.get(0);
        LOG.info("zprof event {} ({}): {} {} ({} files in {})", job.eventId(), job.rule(),
                first.kind().equals(DumpKind.REPORT.key()) ? "incident report" : "evidence", first.path(),
                artifacts.size(), dir.path().toAbsolutePath());
    }

    private synchronized void rememberSeries(CaptureJob job, List<ArtifactRef> artifacts) {
        if (job.series() == 0) {
            return;
        }
        List<Path> list = seriesArtifacts.computeIfAbsent(job.series(), k -> new ArrayList<>());
        artifacts.forEach(a -> list.add(a.path()));
        while (seriesArtifacts.size() > SERIES_KEPT) {
            seriesArtifacts.remove(seriesArtifacts.keySet().iterator().next());
        }
    }

    private static void runQuietly(CaptureJob.Completion r, boolean wroteNothing) {
        if (r != null) {
            try {
                r.ended(wroteNothing);
            } catch (RuntimeException | Error e) {
                LOG.warn("zprof: capture completion hook failed: {}", e.toString());
            }
        }
    }
}
