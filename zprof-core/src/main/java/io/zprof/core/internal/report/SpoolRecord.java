package io.zprof.core.internal.report;

import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The on-disk form of a spooled event ({@code event.json}). A record of its own rather than {@link ReportEvent}
 * itself, so that the file format is versioned and stays stable when the API type grows.
 *
 * @param format     file format version
 * @param eventId    see {@link ReportEvent}
 * @param type       see {@link ReportEvent}
 * @param time       ISO-8601 instant
 * @param rule       see {@link ReportEvent}
 * @param value      the value, {@code null} for NaN
 * @param average    the average, {@code null} for NaN
 * @param reason     see {@link ReportEvent}
 * @param thresholds see {@link ReportEvent}
 * @param labels     see {@link ReportEvent}
 * @param artifacts  artifacts, with their file names inside the entry directory
 * @param error      see {@link ReportEvent}
 * @param from       ISO-8601 instant or {@code null}
 * @param until      ISO-8601 instant or {@code null}
 * @param spooledAt  when the entry was written
 * @param attempts   delivery attempts so far
 * @param lastError  the last delivery error, or {@code null}
 */
record SpoolRecord(int format, String eventId, String type, String time, String rule, Double value, Double average,
                   String reason, Map<String, Double> thresholds, Map<String, String> labels,
                   List<SpoolArtifact> artifacts, String error, String from, String until, String spooledAt,
                   int attempts, String lastError, String metric) {

    /** Version written by this code. */
    static final int FORMAT = 1;

    /**
     * An artifact as stored in the entry directory.
     *
     * @param name      the original file name (what reporters show)
     * @param kind      see {@link ArtifactRef}
     * @param file      the file's name inside the entry directory
     * @param sizeBytes its size
     */
    record SpoolArtifact(String name, String kind, String file, long sizeBytes) {
    }

    /**
     * @param e         the event
     * @param artifacts its artifacts as stored
     * @param spooledAt now
     * @return the record to write
     */
    static SpoolRecord of(ReportEvent e, List<SpoolArtifact> artifacts, Instant spooledAt) {
        return new SpoolRecord(FORMAT, e.eventId(), e.type() == null ? null : e.type().name(), text(e.time()),
                e.rule(), finite(e.value()), finite(e.average()), e.reason(), e.thresholds(), e.labels(), artifacts,
                e.error(), text(e.from()), text(e.until()), text(spooledAt), 0, null, e.metric());
    }

    /**
     * @param n         attempts so far
     * @param lastError the last delivery error
     * @return a copy
     */
    SpoolRecord withAttempts(int n, String lastError) {
        return new SpoolRecord(format, eventId, type, time, rule, value, average, reason, thresholds, labels, artifacts,
                error, from, until, spooledAt, n, lastError, metric);
    }

    /**
     * @param dir     the entry directory
     * @param present the artifacts whose files still exist
     * @return the event, with artifact paths pointing into the entry directory
     */
    ReportEvent toEvent(Path dir, List<SpoolArtifact> present) {
        List<ArtifactRef> refs = new ArrayList<>(present.size());
        for (SpoolArtifact a : present) {
            refs.add(new ArtifactRef(a.name(), a.kind(), dir.resolve(a.file()), a.sizeBytes()));
        }
        return new ReportEvent(eventId, type == null ? null : EventType.valueOf(type), instant(time), rule,
                value == null ? Double.NaN : value, average == null ? Double.NaN : average, reason, thresholds,
                labels, refs, error, instant(from), instant(until), metric);
    }

    private static Double finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
