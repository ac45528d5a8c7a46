package io.zprof.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What reporters receive: one trigger (with its evidence) or one profiling chunk.
 *
 * @param eventId     unique id, also part of every artifact's file name
 * @param type        trigger, dry run or profiling chunk
 * @param time        when the rule fired (or the chunk ended)
 * @param rule        rule name ({@code cpu}, {@code memory}, {@code threads}, {@code osthreads}, {@code gcheap}), or
 *                    {@code profile} for chunks
 * @param value       the value that fired
 * @param average     the window average it was compared with (NaN when not applicable)
 * @param reason      human explanation of the decision
 * @param thresholds  the rule's thresholds at the time ({@code min}, {@code abs}, {@code diff}, ...)
 * @param labels      static labels (app, host, env, ...)
 * @param artifacts   files written for the event
 * @param error       why a capture failed or was skipped, or {@code null}
 * @param from        start of the period the evidence covers
 * @param until       end of the period the evidence covers
 * @param metric      key of the metric the rule watches ({@link Metric#key()}, a third party's included), or
 *                    {@code null} when the event is not about one metric (profiling chunks, thread shrinking)
 */
public record ReportEvent(String eventId, EventType type, Instant time, String rule, double value, double average,
                          String reason, Map<String, Double> thresholds, Map<String, String> labels,
                          List<ArtifactRef> artifacts, String error, Instant from, Instant until, String metric) {

    /** Defensive copies; nulls become empty collections. */
    public ReportEvent {
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /**
     * A builder, so that code creating events (reporters' tests above all) keeps compiling when a component is added.
     * Unset components take the builder's defaults: a {@link EventType#TRIGGER} at the epoch, NaN values, empty
     * collections and {@code null} text.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this event's components, to derive a changed copy */
    public Builder toBuilder() {
        return new Builder().eventId(eventId).type(type).time(time).rule(rule).value(value).average(average)
                .reason(reason).thresholds(thresholds).labels(labels).artifacts(artifacts).error(error)
                .from(from).until(until).metric(metric);
    }

    /**
     * An event about no metric in particular; see the canonical constructor for the parameters.
     *
     * @param eventId    unique id
     * @param type       trigger, dry run or profiling chunk
     * @param time       when the rule fired
     * @param rule       rule name
     * @param value      the value that fired
     * @param average    the window average (NaN when not applicable)
     * @param reason     human explanation
     * @param thresholds the rule's thresholds
     * @param labels     static labels
     * @param artifacts  files written for the event
     * @param error      why a capture failed or was skipped, or {@code null}
     * @param from       start of the period the evidence covers
     * @param until      end of the period the evidence covers
     */
    public ReportEvent(String eventId, EventType type, Instant time, String rule, double value, double average,
                       String reason, Map<String, Double> thresholds, Map<String, String> labels,
                       List<ArtifactRef> artifacts, String error, Instant from, Instant until) {
        this(eventId, type, time, rule, value, average, reason, thresholds, labels, artifacts, error, from, until, null);
    }

    /** @return the total size of the artifacts in bytes */
    public long artifactBytes() {
        long total = 0;
        for (ArtifactRef a : artifacts) {
            total += a.sizeBytes();
        }
        return total;
    }

    /** Builder of a {@link ReportEvent}; every setter returns this builder. Not thread-safe. */
    public static final class Builder {
        private String eventId;
        private EventType type = EventType.TRIGGER;
        private Instant time = Instant.EPOCH;
        private String rule;
        private double value = Double.NaN;
        private double average = Double.NaN;
        private String reason;
        private Map<String, Double> thresholds = Map.of();
        private Map<String, String> labels = Map.of();
        private List<ArtifactRef> artifacts = List.of();
        private String error;
        private Instant from;
        private Instant until;
        private String metric;

        private Builder() {
        }

        /** @param v unique id @return this */
        public Builder eventId(String v) { eventId = v; return this; }
        /** @param v trigger, dry run or profiling chunk @return this */
        public Builder type(EventType v) { type = v; return this; }
        /** @param v when the rule fired @return this */
        public Builder time(Instant v) { time = v; return this; }
        /** @param v rule name @return this */
        public Builder rule(String v) { rule = v; return this; }
        /** @param v the value that fired @return this */
        public Builder value(double v) { value = v; return this; }
        /** @param v the window average it was compared with @return this */
        public Builder average(double v) { average = v; return this; }
        /** @param v human explanation of the decision @return this */
        public Builder reason(String v) { reason = v; return this; }
        /** @param v the rule's thresholds @return this */
        public Builder thresholds(Map<String, Double> v) { thresholds = v; return this; }
        /** @param v static labels @return this */
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        /** @param v files written for the event @return this */
        public Builder artifacts(List<ArtifactRef> v) { artifacts = v; return this; }
        /** @param v why a capture failed or was skipped, or {@code null} @return this */
        public Builder error(String v) { error = v; return this; }
        /** @param v start of the period the evidence covers @return this */
        public Builder from(Instant v) { from = v; return this; }
        /** @param v end of the period the evidence covers @return this */
        public Builder until(Instant v) { until = v; return this; }
        /** @param v key of the metric the rule watches, or {@code null} @return this */
        public Builder metric(String v) { metric = v; return this; }

        /** @return the event */
        public ReportEvent build() {
            return new ReportEvent(eventId, type, time, rule, value, average, reason, thresholds, labels, artifacts,
                    error, from, until, metric);
        }
    }
}
