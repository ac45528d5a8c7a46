package io.zprof.core.internal.engine;

import io.zprof.api.config.DumpConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.core.internal.dump.TimelineWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one capture writes: its dumps in order, how long each records, and its timeline. */
final class CaptureContents {
    /** Order of capture within an event: the window first (it ages), cheap before expensive, heap last. */
    private static final List<DumpKind> ORDER = List.of(DumpKind.WINDOW, DumpKind.THREADS, DumpKind.THREADCREATE,
            DumpKind.CPU, DumpKind.ALLOC, DumpKind.LOCK, DumpKind.HEAP, DumpKind.PROFILE_CHUNK);

    private CaptureContents() {
    }

    /**
     * @param job the capture
     * @return the kinds it asks for, plus the window when it is on, in {@link #ORDER}; a third party's kinds after
     *         the built-ins, in the order the job lists them
     */
    static List<DumpKind> orderedKinds(CaptureJob job) {
        Set<DumpKind> kinds = new LinkedHashSet<>(job.kinds());
        if (job.generation().config().dump().window().enabled()) {
            kinds.add(DumpKind.WINDOW);
        }
        // the incident report is asked for after everything else (IncidentReportStep), whatever the rule lists
        kinds.remove(DumpKind.REPORT);
        // and the holder analysis after the event (HolderAnalysis), never within a capture
        kinds.remove(DumpKind.HOLDERS);
        List<DumpKind> out = new ArrayList<>(kinds);
        out.sort(Comparator.comparingInt(k -> ORDER.contains(k) ? ORDER.indexOf(k) : ORDER.size()));
        return out;
    }

    /**
     * @param kind a kind of dump
     * @param dc   the dump settings
     * @return how long a recording of that kind runs; zero for a snapshot
     */
    static Duration durationOf(DumpKind kind, DumpConfig dc) {
        if (kind == DumpKind.CPU || kind == DumpKind.ALLOC || kind == DumpKind.LOCK) {
            return dc.cpuDuration();
        }
        return kind == DumpKind.THREADCREATE ? dc.threadCreateDuration() : Duration.ZERO;
    }

    /**
     * @param job the capture
     * @return the metric history it carries, as the timeline file's series
     */
    static List<TimelineWriter.Series> timeline(CaptureJob job) {
        List<TimelineWriter.Series> out = new ArrayList<>();
        for (MetricHistory.Series s : job.history().snapshot()) {
            List<TimelineWriter.Point> points = new ArrayList<>(s.points().size());
            for (MetricHistory.Point p : s.points()) {
                points.add(new TimelineWriter.Point(p.epochMillis(), p.value(), p.source().name()));
            }
            out.add(new TimelineWriter.Series(s.metric().key(), s.unit(), points));
        }
        return out;
    }
}
