package io.zprof.core.internal.engine;

import io.zprof.api.config.GcHeapConfig;
import io.zprof.api.config.ShrinkConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One capture for the {@link Capturer}, made by the factory that names what asked for it: a rule that fired
 * ({@link #forRule}), a GC-heap series ({@link #forGcSeries}), thread shrinking ({@link #forShrink}) or the host
 * application ({@link #manual}).
 */
final class CaptureJob {
    /** The rule name of the events of {@link #manual} captures. */
    static final String MANUAL_RULE = "manual";

    /** Told when a capture ended. */
    @FunctionalInterface
    interface Completion {
        /**
         * @param wroteNothing whether the capture was due but wrote not a single file (dump directory unusable,
         *                     queue full); not for a dry run, which writes nothing by design
         */
        void ended(boolean wroteNothing);
    }

    private final Generation generation;
    private final String eventId;
    private final String rule;
    private final String metric;
    private final double value;
    private final double average;
    private final String reason;
    private final Map<String, Double> thresholds;
    private final Map<String, Object> ruleConfig;
    private final List<DumpKind> kinds;
    private final Instant time;
    private final List<Path> related;
    private final MetricHistory history;
    private final Completion onDone;
    private final long series;
    private final CompletableFuture<ReportEvent> result;

    private CaptureJob(Generation generation, String eventId, String rule, String metric, double value, double average,
                       String reason, Map<String, Double> thresholds, Map<String, Object> ruleConfig,
                       List<DumpKind> kinds, Instant time, MetricHistory history, Completion onDone) {
        this(generation, eventId, rule, metric, value, average, reason, thresholds, ruleConfig, kinds, time, List.of(),
                history, onDone, 0, null);
    }

    @SuppressWarnings("java:S107") // private: the factories below name what each argument is
    private CaptureJob(Generation generation, String eventId, String rule, String metric, double value, double average,
                       String reason, Map<String, Double> thresholds, Map<String, Object> ruleConfig,
                       List<DumpKind> kinds, Instant time, List<Path> related, MetricHistory history,
                       Completion onDone, long series, CompletableFuture<ReportEvent> result) {
        this.generation = generation;
        this.eventId = eventId;
        this.rule = rule;
        this.metric = metric;
        this.value = value;
        this.average = average;
        this.reason = reason;
        this.thresholds = thresholds;
        this.ruleConfig = ruleConfig;
        this.kinds = List.copyOf(kinds);
        this.time = time;
        this.related = List.copyOf(related);
        this.history = history;
        this.onDone = onDone;
        this.series = series;
        this.result = result;
    }

    /**
     * @param g       the configuration in force when the rule fired
     * @param eventId the event's id
     * @param tracker the rule that fired; told when its capture wrote nothing, so its cooldown does not hold
     * @param now     when it fired, epoch milliseconds
     * @param history metric history, for the timeline
     * @return the capture of a rule's firing, with its decision and settings
     */
    static CaptureJob forRule(Generation g, String eventId, RuleTracker tracker, long now, MetricHistory history) {
        Decision d = tracker.lastDecision();
        RulePlan plan = tracker.plan();
        return new CaptureJob(g, eventId, tracker.rule, tracker.metric.key(), d.current(), d.average(), d.reason(),
                plan.thresholds(), plan.timelineConfig(), plan.dumps(), Instant.ofEpochMilli(now), history,
                wroteNothing -> {
                    if (wroteNothing) {
                        tracker.captureWroteNothing(now);
                    }
                });
    }

    /**
     * @param g        the configuration in force at the collection
     * @param eventId  the event's id
     * @param series   the series' id
     * @param sequence which capture of the series this is, from 1
     * @param ratio    the heap ratio after the collection, 0..1
     * @param reason   why it fired
     * @param related  artifacts of the series' earlier captures
     * @param now      when it fired, epoch milliseconds
     * @param history  metric history, for the timeline
     * @param onDone   told when the capture ended
     * @return one capture of a GC-heap series
     */
    @SuppressWarnings("java:S107") // each is a fact of the series; a holder type would only move them
    static CaptureJob forGcSeries(Generation g, String eventId, long series, int sequence, double ratio, String reason,
                                  List<Path> related, long now, MetricHistory history, Completion onDone) {
        GcHeapConfig gc = g.config().gcHeap();
        Map<String, Object> ruleConfig = new LinkedHashMap<>();
        ruleConfig.put("enabled", true);
        ruleConfig.put("mode", gc.mode());
        ruleConfig.put("ratio", gc.triggerRatio());
        ruleConfig.put("dumpCount", gc.dumpCount());
        ruleConfig.put("cooldown", gc.cooldown());
        ruleConfig.put("series", series);
        ruleConfig.put("capture", sequence);
        return new CaptureJob(g, eventId, "gcheap", null, ratio * 100, Double.NaN, reason,
                Map.of("ratio", gc.triggerRatio(), "dumpCount", (double) gc.dumpCount()), ruleConfig, gc.dumps(),
                Instant.ofEpochMilli(now), related, history, onDone, series, null);
    }

    /**
     * @param g       the configuration in force
     * @param eventId the event's id
     * @param threads the thread count that started the shrink
     * @param reason  why it shrinks
     * @param now     epoch milliseconds
     * @param history metric history, for the timeline
     * @return the thread dump taken before a shrink
     */
    static CaptureJob forShrink(Generation g, String eventId, double threads, String reason, long now,
                                MetricHistory history) {
        ShrinkConfig s = g.config().shrink();
        return new CaptureJob(g, eventId, "shrink", Metric.JVM_THREADS.key(), threads, Double.NaN, reason,
                Map.of("threshold", (double) s.threshold()), Map.of("threshold", s.threshold(), "delay", s.delay(),
                        "count", s.shrinkCount(), "restoreAfter", s.restoreAfter()),
                List.of(DumpKind.THREADS), Instant.ofEpochMilli(now), history, null);
    }

    /**
     * @param g       the configuration in force
     * @param eventId the event's id
     * @param kinds   what to capture (the window is added when it is on, as for a rule)
     * @param reason  the caller's reason, which the event carries
     * @param now     epoch milliseconds
     * @param history metric history, for the timeline
     * @param result  completed with the event once it is published
     * @return a capture the host application asked for, under the rule name {@value #MANUAL_RULE}
     */
    static CaptureJob manual(Generation g, String eventId, Set<DumpKind> kinds, String reason, long now,
                             MetricHistory history, CompletableFuture<ReportEvent> result) {
        List<DumpKind> ordered = kinds.stream().sorted(Comparator.comparing(DumpKind::key)).toList();
        return new CaptureJob(g, eventId, MANUAL_RULE, null, Double.NaN, Double.NaN, reason, Map.of(),
                Map.of("dumps", ordered.stream().map(DumpKind::key).toList()), ordered, Instant.ofEpochMilli(now),
                List.of(), history, null, 0, result);
    }

    /** @param event the event published for this capture: completes a {@link #manual} capture's result */
    void published(ReportEvent event) {
        if (result != null) {
            result.complete(event);
        }
    }

    /**
     * @param type      the event's type
     * @param artifacts what the capture wrote
     * @param error     what went wrong, or {@code null}
     * @param from      the start of the time the evidence covers
     * @param until     its end
     * @return the event of this capture
     */
    ReportEvent event(EventType type, List<ArtifactRef> artifacts, String error, Instant from, Instant until) {
        return new ReportEvent(eventId, type, time, rule, value, average, reason, thresholds,
                generation.config().labels(), artifacts, error, from, until, metric);
    }

    /** @return what it is, for a message: the rule and the event id */
    String describe() {
        return "rule '" + rule + "', event " + eventId;
    }

    Generation generation() {
        return generation;
    }

    String eventId() {
        return eventId;
    }

    String rule() {
        return rule;
    }

    String metric() {
        return metric;
    }

    double value() {
        return value;
    }

    double average() {
        return average;
    }

    String reason() {
        return reason;
    }

    Map<String, Double> thresholds() {
        return thresholds;
    }

    Map<String, Object> ruleConfig() {
        return ruleConfig;
    }

    List<DumpKind> kinds() {
        return kinds;
    }

    Instant time() {
        return time;
    }

    List<Path> related() {
        return related;
    }

    MetricHistory history() {
        return history;
    }

    Completion onDone() {
        return onDone;
    }

    long series() {
        return series;
    }
}
