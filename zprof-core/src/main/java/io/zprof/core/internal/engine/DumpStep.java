package io.zprof.core.internal.engine;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.dump.EventFiles;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind's dump within a capture: its dumper writes into the event's files, which are then sealed and counted
 * ({@code captures.<kind>}, or a skip with the dumper's reason). Never two heap dumps at once. A dumper that throws,
 * even an {@link Error}, costs only its own file: the files it finished are kept, the failure is counted and written
 * into the event's errors, and a fault of the dump directory is told to its health.
 */
final class DumpStep {
    private static final Logger LOG = LoggerFactory.getLogger(DumpStep.class);

    private final EngineCounters counters;
    private final DumpDirectoryHealth health;
    private final Semaphore heavy = new Semaphore(1);

    /**
     * @param counters counts captures, skips and failures
     * @param health   the dump directory's health, told of its failures
     */
    DumpStep(EngineCounters counters, DumpDirectoryHealth health) {
        this.counters = counters;
        this.health = health;
    }

    /**
     * @param job       the capture
     * @param kind      the kind to dump
     * @param files     the event's files
     * @param artifacts where the sealed files are added
     * @param errors    where a skip or a failure is told
     */
    void capture(CaptureJob job, DumpKind kind, EventFiles files, List<ArtifactRef> artifacts, List<String> errors) {
        Dumper dumper = job.generation().components() == null ? null : job.generation().components().dumpers.get(kind);
        if (dumper == null) {
            errors.add(kind.key() + ": no dumper available for this kind (add io.zprof:zprof-dumper-jfr)");
            counters.increment(Counter.CAPTURE_SKIPS);
            return;
        }
        boolean isHeavy = kind == DumpKind.HEAP;
        if (isHeavy && !heavy.tryAcquire()) {
            errors.add(kind.key() + ": skipped, another heap dump is in progress");
            counters.increment(Counter.CAPTURE_SKIPS);
            return;
        }
        try {
            dumpOnce(job, kind, dumper, job.related(), files, artifacts, errors);
            if (HolderAnalysis.wantsSecondDump(job, kind, artifacts)) {
                // the pair for the holder analysis: what kept growing meanwhile
                Thread.sleep(job.generation().config().dump().heapHolders().interval().toMillis());
                dumpOnce(job, kind, dumper, HolderAnalysis.withFirstDump(job.related(), artifacts), files, artifacts, errors);
            }
        } catch (Exception | Error e) {
            // an Error too (a dumper's OutOfMemoryError, say): its partial file must go and the event must say why;
            // the files it finished before (a heap capture's class histogram) are evidence and are kept
            List<ArtifactRef> kept = keepFinished(files, kind);
            artifacts.addAll(kept);
            counters.increment(Counter.CAPTURE_FAILURES);
            counters.increment(EngineCounters.CAPTURE_FAILURES_OF + kind.key());
            String what = kind.key() + ": failed: " + e;
            errors.add(kept.isEmpty() ? what : what + " (kept " + kept.stream().map(ArtifactRef::name).toList() + ")");
            if (e instanceof IOException io && DumpDirectoryHealth.isDirectoryFault(io)) {
                // disk full, directory made read-only or deleted: an ERROR once, and the state in status()
                health.writeFailed(what);
            } else {
                LOG.warn("zprof: {} capture for event {} failed: {}", kind.key(), job.eventId(), e.toString());
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            if (isHeavy) {
                heavy.release();
            }
        }
    }

    private void dumpOnce(CaptureJob job, DumpKind kind, Dumper dumper, List<Path> related, EventFiles files,
                          List<ArtifactRef> artifacts, List<String> errors) throws IOException {
        DumpConfig dc = job.generation().config().dump();
        DumpOutcome outcome = dumper.dump(new DumpRequest(kind, job.eventId(), job.rule(), job.reason(), job.time(),
                CaptureContents.durationOf(kind, dc), dc.binary(), dc.text(), related, files));
        artifacts.addAll(files.seal(kind.key()));
        if (outcome.skipped()) {
            errors.add(kind.key() + ": skipped: " + outcome.detail());
            counters.increment(Counter.CAPTURE_SKIPS);
        } else {
            counters.increment(EngineCounters.CAPTURES_OF + kind.key());
        }
    }

    /** Seals the files a failed dumper finished and discards the one it was writing; a failure there loses them. */
    private List<ArtifactRef> keepFinished(EventFiles files, DumpKind kind) {
        try {
            return files.sealFinished(kind.key());
        } catch (IOException | RuntimeException e) {
            LOG.warn("zprof: files of the failed {} capture could not be kept: {}", kind.key(), e.toString());
            return List.of();
        }
    }
}
