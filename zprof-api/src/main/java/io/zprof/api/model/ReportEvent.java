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
}
