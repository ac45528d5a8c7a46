package io.zprof.support.jfr;

import io.zprof.api.model.Quantities;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * The text form of a stack-sampling capture: the heaviest methods by self weight (top frame) and by total weight
 * (anywhere on the stack, counted once per stack), then per-thread and per-class breakdowns. One summary for the
 * files of JDK Flight Recorder and of async-profiler (which writes the same event types, plus
 * {@code profiler.WallClockSample}). Events of zprof's own threads are left out ({@link OwnThreads}, and whatever
 * {@link #dropping} adds), so are those of the thread writing the summary (the capture thread waits through the
 * recording: its own park is noise in a lock profile).
 */
public final class ProfileSummary implements JfrSummary {
    /** Rows per table. */
    public static final int TOP = 30;
    /** What each allocation event stands for, by event type (pyroscope-ingest.md §6.2). */
    private static final Map<String, String> ALLOCATION_WEIGHTS = Map.of(
            "jdk.ObjectAllocationSample", "weight",
            "jdk.ObjectAllocationInNewTLAB", "tlabSize",
            "jdk.ObjectAllocationOutsideTLAB", "allocationSize");

    private final String title;
    private final Set<String> events;
    private final String unitName;
    private final ToLongFunction<RecordedEvent> weight;
    private final LongFunction<String> format;
    private final List<Breakdown> breakdowns;
    private final Predicate<RecordedEvent> drop;

    /**
     * A table keyed by something other than the method.
     *
     * @param heading the table title
     * @param key     the key of an event, or null to leave it out
     */
    private record Breakdown(String heading, Function<RecordedEvent, String> key) {
    }

    private ProfileSummary(String title, Set<String> events, String unitName, ToLongFunction<RecordedEvent> weight,
                           LongFunction<String> format, List<Breakdown> breakdowns, Predicate<RecordedEvent> drop) {
        this.title = title;
        this.events = events;
        this.unitName = unitName;
        this.weight = weight;
        this.format = format;
        this.breakdowns = breakdowns;
        this.drop = drop;
    }

    private ProfileSummary(String title, Set<String> events, String unitName, ToLongFunction<RecordedEvent> weight,
                           LongFunction<String> format, List<Breakdown> breakdowns) {
        this(title, events, unitName, weight, format, breakdowns, OwnThreads::isOwn);
    }

    /** @param title what the file is, e.g. "cpu profile" @return execution samples, one per sample */
    public static ProfileSummary cpu(String title) {
        return new ProfileSummary(title, Set.of("jdk.ExecutionSample"), "samples", e -> 1, Long::toString,
                List.of(new Breakdown("threads by samples", JfrEvents::threadName)));
    }

    /**
     * @return allocation samples, weighted by the bytes each stands for: JFR's throttled
     *         {@code jdk.ObjectAllocationSample} (its weight), async-profiler's TLAB events (the new TLAB's size, or
     *         the object's outside a TLAB). A file holds one or the other: JFR captures leave the TLAB events off
     */
    public static ProfileSummary alloc() {
        return new ProfileSummary("allocation profile", ALLOCATION_WEIGHTS.keySet(), "allocated",
                e -> e.getLong(ALLOCATION_WEIGHTS.get(e.getEventType().getName())), Quantities::bytes,
                List.of(new Breakdown("allocated classes", e -> JfrEvents.className(e.getClass("objectClass"))),
                        new Breakdown("allocating threads", JfrEvents::threadName)));
    }

    /** @return monitor-enter and park events, weighted by the time blocked */
    public static ProfileSummary lock() {
        return new ProfileSummary("lock profile", Set.of("jdk.JavaMonitorEnter", "jdk.ThreadPark"), "blocked",
                e -> e.getDuration().toNanos(), SummaryNumbers::millis,
                List.of(new Breakdown("lock classes", ProfileSummary::lockClass),
                        new Breakdown("blocked threads", JfrEvents::threadName)));
    }

    /**
     * @return async-profiler's wall-clock samples, each weighted by the samples it stands for (its {@code samples}
     *         field): every thread whatever it does, so the widest frames are where threads wait
     */
    public static ProfileSummary wall() {
        return new ProfileSummary("wall-clock profile", Set.of("profiler.WallClockSample"), "samples",
                e -> e.getLong("samples"), Long::toString,
                List.of(new Breakdown("threads by samples", JfrEvents::threadName),
                        new Breakdown("thread states", e -> e.hasField("state") ? e.getString("state") : null)));
    }

    /**
     * @param type a capture's file type: {@code cpu}, {@code wall}, {@code alloc}, {@code lock}, {@code window},
     *             {@code profile} (a continuous-profiling chunk); any other is summarised as CPU samples
     * @return the summary of that type
     */
    public static ProfileSummary forType(String type) {
        return switch (type) {
            case "alloc" -> alloc();
            case "lock" -> lock();
            case "wall" -> wall();
            case "window" -> cpu("pre-trigger window, cpu samples");
            case "profile" -> cpu("continuous profile chunk");
            case "cpu" -> cpu("cpu profile");
            default -> cpu("recording, cpu samples");
        };
    }

    /**
     * @param own events to leave out too, e.g. those of zprof's threads in a file whose threads have no group
     *            (async-profiler's)
     * @return a copy that also leaves those out
     */
    public ProfileSummary dropping(Predicate<RecordedEvent> own) {
        return new ProfileSummary(title, events, unitName, weight, format, breakdowns, drop.or(own));
    }

    /**
     * @param recording a JFR file
     * @param out       the text file to create
     * @throws IOException when either file cannot be read or written
     */
    @Override
    public void write(Path recording, Path out) throws IOException {
        WeightsByKey self = new WeightsByKey();
        WeightsByKey total = new WeightsByKey();
        List<WeightsByKey> tables = breakdowns.stream().map(b -> new WeightsByKey()).toList();
        JfrEvents.TimeSpan span = new JfrEvents.TimeSpan();
        long[] counts = new long[2]; // events, truncated stacks
        Set<String> seen = new HashSet<>();
        long captureThread = Thread.currentThread().getId();
        JfrEvents.forEach(recording, e -> {
            if (!events.contains(e.getEventType().getName()) || JfrEvents.threadId(e) == captureThread
                    || drop.test(e)) {
                return;
            }
            long w = weight.applyAsLong(e);
            counts[0]++;
            span.add(e);
            self.addTotal(w);
            total.addTotal(w);
            RecordedStackTrace stack = e.getStackTrace();
            if (stack != null && !stack.getFrames().isEmpty()) {
                List<RecordedFrame> frames = stack.getFrames();
                self.add(JfrEvents.method(frames.get(0)), w);
                seen.clear();
                for (RecordedFrame f : frames) {
                    String m = JfrEvents.method(f);
                    if (seen.add(m)) {
                        total.add(m, w);
                    }
                }
                if (stack.isTruncated()) {
                    counts[1]++;
                }
            }
            for (int i = 0; i < breakdowns.size(); i++) {
                String key = breakdowns.get(i).key().apply(e);
                if (key != null) {
                    tables.get(i).add(key, w);
                    tables.get(i).addTotal(w);
                }
            }
        });
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            w.write("zprof " + title + " (" + String.join(", ", events.stream().sorted().toList()) + ")\n");
            w.write(counts[0] + " events, " + format.apply(self.total()) + " " + unitName + ", " + span + "\n");
            if (counts[1] > 0) {
                w.write(counts[1] + " stacks were cut at JFR's stack depth: 'total' misses their outermost frames\n");
            }
            methodTable(w, "methods by self " + unitName + " (top frame)", self, total, true);
            methodTable(w, "methods by total " + unitName + " (anywhere on the stack)", total, self, false);
            for (int i = 0; i < breakdowns.size(); i++) {
                keyTable(w, breakdowns.get(i).heading(), tables.get(i));
            }
        }
    }

    private void methodTable(BufferedWriter w, String heading, WeightsByKey by, WeightsByKey other, boolean selfFirst)
            throws IOException {
        w.write("\nTop " + TOP + " " + heading + "\n");
        w.write(String.format(Locale.ROOT, "%14s %8s %14s %8s  %s%n", "self", "self%", "total", "total%", "method"));
        for (String m : by.top(TOP)) {
            long s = selfFirst ? by.get(m) : other.get(m);
            long t = selfFirst ? other.get(m) : by.get(m);
            w.write(String.format(Locale.ROOT, "%14s %8s %14s %8s  %s%n", format.apply(s),
                    SummaryNumbers.percent(s, by.total()), format.apply(t), SummaryNumbers.percent(t, by.total()), m));
        }
        if (by.isEmpty()) {
            w.write("  (no stack traces recorded)\n");
        }
    }

    private void keyTable(BufferedWriter w, String heading, WeightsByKey tally) throws IOException {
        w.write("\nTop " + TOP + " " + heading + "\n");
        for (String key : tally.top(TOP)) {
            w.write(String.format(Locale.ROOT, "%14s %8s  %s%n", format.apply(tally.get(key)),
                    SummaryNumbers.percent(tally.get(key), tally.total()), key));
        }
        if (tally.isEmpty()) {
            w.write("  (none)\n");
        }
    }

    private static String lockClass(RecordedEvent e) {
        if (e.hasField("monitorClass")) {
            return JfrEvents.className(e.getClass("monitorClass"));
        }
        if (e.hasField("parkedClass")) {
            return e.getClass("parkedClass") == null ? "(parked without a blocker)"
                    : JfrEvents.className(e.getClass("parkedClass"));
        }
        return null;
    }
}
