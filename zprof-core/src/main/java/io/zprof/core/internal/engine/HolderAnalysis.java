package io.zprof.core.internal.engine;

import io.zprof.api.config.HeapHoldersConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.Quantities;
import io.zprof.api.port.Dumper;
import io.zprof.core.internal.dump.DumpDirectory;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.dump.EventFiles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who holds the heap growth, for an event with a pair of heap dumps when {@code zprof.dump.heapholders.enabled} is
 * on: the dumper of {@link DumpKind#HOLDERS} (zprof-heap-analysis, found through ServiceLoader like any dumper)
 * analyses the pair in a child JVM with its own heap limit. It runs on one thread of its own after the event's report
 * is written: never on the sampler or a capture thread, one analysis at a time (an event that finds one running
 * says so and is not analysed); stop() interrupts it and the dumper kills its child. The event's files say where it
 * stands: a {@code holders_*.txt} note written with the event, replaced by the result (text and JSON) or by why it
 * failed, and then the incident report is rebuilt. A failure is logged once and counted, never thrown.
 */
final class HolderAnalysis {
    private static final Logger LOG = LoggerFactory.getLogger(HolderAnalysis.class);
    private static final String KEY = DumpKind.HOLDERS.key();

    /** An analysis announced, to be launched: what it needs after the capture's lease on its components ended. */
    record Work(CaptureJob job, Path dir, List<Path> pair, Dumper holders, Dumper report) {
    }

    private final EngineCounters counters;
    private final DumpDirectoryHealth health;
    private final Semaphore one = new Semaphore(1);
    private final AtomicBoolean toldMissing = new AtomicBoolean();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new ZprofThreadFactory(KEY));

    /**
     * @param counters counts the analyses done and failed
     * @param health   the dump directory's health
     */
    HolderAnalysis(EngineCounters counters, DumpDirectoryHealth health) {
        this.counters = counters;
        this.health = health;
    }

    /**
     * @param job    a capture
     * @param kind   the kind just dumped
     * @param sealed the capture's files so far
     * @return whether a second heap dump should follow, {@code zprof.dump.heapholders.interval} later: the holder
     *         analysis is on, this capture wrote a heap dump, and no other capture makes the pair (a GC-heap series
     *         of two or more captures pairs its own dumps)
     */
    static boolean wantsSecondDump(CaptureJob job, DumpKind kind, List<ArtifactRef> sealed) {
        ZprofConfig cfg = job.generation().config();
        boolean seriesMakesThePair = job.series() != 0 && cfg.gcHeap().dumpCount() > 1;
        return kind == DumpKind.HEAP && cfg.dump().heapHolders().enabled() && !seriesMakesThePair
                && hprofs(job.related()).isEmpty() && !hprofs(sealed.stream().map(ArtifactRef::path).toList()).isEmpty();
    }

    /**
     * @param related the series' earlier files
     * @param sealed  the capture's files so far, its first heap dump among them
     * @return both, for the second dump's request: its histogram diff is against the first
     */
    static List<Path> withFirstDump(List<Path> related, List<ArtifactRef> sealed) {
        List<Path> out = new ArrayList<>(related);
        sealed.forEach(a -> out.add(a.path()));
        return out;
    }

    /**
     * @param job       a capture
     * @param artifacts its files, in the order written
     * @return its older and newer heap dump: its own two, or the series' latest and its own; empty when the
     *         analysis is off or there is no pair
     */
    static Optional<List<Path>> pair(CaptureJob job, List<ArtifactRef> artifacts) {
        if (!job.generation().config().dump().heapHolders().enabled()) {
            return Optional.empty();
        }
        List<Path> own = hprofs(artifacts.stream().map(ArtifactRef::path).toList());
        List<Path> earlier = hprofs(job.related());
        if (own.isEmpty() || own.size() == 1 && earlier.isEmpty()) {
            return Optional.empty();
        }
        Path newer = own.get(own.size() - 1);
        Path older = own.size() > 1 ? own.get(own.size() - 2) : earlier.get(earlier.size() - 1);
        return Optional.of(List.of(older, newer));
    }

    /**
     * Before the event's report: writes the note saying whether the analysis runs, and reserves the one analysis
     * slot when it does.
     *
     * @param job       the capture, its components leased
     * @param files     the event's files
     * @param pair      the older and the newer dump
     * @param artifacts the event's files so far; the note is added
     * @return the analysis to {@link #launch} after the report, or empty when it does not run
     */
    Optional<Work> announce(CaptureJob job, EventFiles files, List<Path> pair, List<ArtifactRef> artifacts) {
        Components comps = job.generation().components();
        Dumper holders = comps == null ? null : comps.dumpers.get(DumpKind.HOLDERS);
        HeapHoldersConfig cfg = job.generation().config().dump().heapHolders();
        String note;
        Work work = null;
        if (holders == null) {
            note = "no holder analysis: no dumper serves '" + KEY + "' (add io.zprof:zprof-heap-analysis to the class"
                    + " path, or it was disabled)";
            if (toldMissing.compareAndSet(false, true)) {
                LOG.warn("zprof: {} is on but {}", "zprof.dump.heapholders.enabled", note);
            }
        } else if (!one.tryAcquire()) {
            note = "no holder analysis for this event: another one is running (one at a time)";
            LOG.info("zprof event {}: {}", job.eventId(), note);
        } else {
            work = new Work(job, files.directory(), pair, holders, IncidentReportStep.reportDumper(job));
            note = "holder analysis running since " + Instant.now() + " in a child JVM (-Xmx "
                    + Quantities.bytes(cfg.maxHeapBytes()) + ", killed after " + cfg.timeout().toSeconds() + " s): "
                    + name(pair.get(1)) + " against " + name(pair.get(0))
                    + "; this report is rebuilt when it ends";
        }
        try {
            writeNote(files, note);
            artifacts.addAll(files.sealReplacing(KEY));
        } catch (IOException e) {
            files.discard();
            LOG.warn("zprof event {}: the holder analysis note was not written: {}", job.eventId(), e.toString());
        }
        return Optional.ofNullable(work);
    }

    /** @param announced what {@link #announce} returned, after the report was written */
    void launch(Optional<Work> announced) {
        if (announced.isEmpty()) {
            return;
        }
        Work w = announced.get();
        LOG.info("zprof event {}: holder analysis of {} started in a child JVM; the incident report is rebuilt when it"
                + " ends", w.job().eventId(), name(w.pair().get(1)));
        try {
            executor.execute(() -> analyse(w));
        } catch (RejectedExecutionException e) {
            one.release();
            finish(w, "no holder analysis: the engine stopped before it started");
        }
    }

    /** Takes no more analyses and interrupts the one running: its dumper kills the child JVM. */
    void shutdown() {
        executor.shutdownNow();
    }

    /** @param millis how long to wait for the analysis to end after {@link #shutdown()} */
    void awaitTermination(long millis) {
        try {
            executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void analyse(Work w) {
        CaptureJob job = w.job();
        ZprofConfig cfg = job.generation().config();
        String failure = null;
        try {
            EventFiles files = new DumpDirectory(w.dir(), health).open(job.eventId(), job.time());
            try {
                w.holders().dump(new DumpRequest(DumpKind.HOLDERS, job.eventId(), job.rule(), job.reason(), job.time(),
                        cfg.dump().heapHolders().timeout(), cfg.dump().binary(), cfg.dump().text(), w.pair(), files));
                files.sealReplacing(KEY);
                counters.increment(EngineCounters.CAPTURES_OF + KEY);
                LOG.info("zprof event {}: holder analysis done; incident report rebuilt", job.eventId());
            } catch (Exception | Error e) {
                files.discard();
                failure = e instanceof InterruptedIOException ? "stopped before it ended (" + e.getMessage() + ")"
                        : e.getMessage() == null ? e.toString() : e.getMessage();
            }
        } catch (IOException e) {
            failure = "dump directory unusable: " + e.getMessage();
        } finally {
            one.release();
        }
        if (failure != null) {
            counters.increment(EngineCounters.CAPTURE_FAILURES_OF + KEY);
            LOG.warn("zprof event {}: holder analysis failed (the heap dumps are kept): {}", job.eventId(), failure);
            finish(w, "holder analysis failed: " + failure);
        } else {
            finish(w, null);
        }
    }

    /** Replaces the note when there is one to write, and rebuilds the report. */
    private void finish(Work w, String note) {
        CaptureJob job = w.job();
        try {
            EventFiles files = new DumpDirectory(w.dir(), health).open(job.eventId(), job.time());
            if (note != null) {
                writeNote(files, note);
                files.sealReplacing(KEY);
            }
            IncidentReportStep.rebuild(job, w.report(), files);
        } catch (IOException | RuntimeException e) {
            LOG.warn("zprof event {}: the incident report was not rebuilt after the holder analysis: {}",
                    job.eventId(), e.toString());
        }
    }

    private static void writeNote(EventFiles files, String note) throws IOException {
        try (Writer out = Files.newBufferedWriter(files.newFile(KEY, "txt"), StandardCharsets.UTF_8)) {
            out.write("zprof heap holders: " + note + "\n");
        }
    }

    private static List<Path> hprofs(List<Path> paths) {
        return paths.stream().filter(p -> p.getFileName().toString().endsWith(".hprof")).toList();
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }
}
