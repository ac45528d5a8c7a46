package io.zprof.core.internal.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code timeline} artifact of an event: the rule, its configuration and thresholds, the metric it
 * watches, the reason, zprof's engine-wide settings, and the recent samples of every metric with the source of each
 * number. The incident report draws its charts from it. Streaming, so a long history is cheap to write.
 */
public final class TimelineWriter {
    private static final JsonFactory JSON = new JsonFactory();

    /** One metric's samples. @param metric key @param unit unit @param points samples oldest first */
    public record Series(String metric, String unit, List<Point> points) {
    }

    /** One sample. @param epochMillis time @param value value @param source where it came from */
    public record Point(long epochMillis, double value, String source) {
    }

    /**
     * The event side of a timeline.
     *
     * @param eventId  event id
     * @param rule     rule name
     * @param time     when it fired
     * @param value    value that fired
     * @param average  window average
     * @param reason   decision text
     * @param config   the rule's settings, flat
     * @param labels     static labels
     * @param metric     key of the metric the rule watches, or {@code null}
     * @param thresholds the rule's thresholds as events report them
     * @param settings   zprof's engine-wide settings ({@link EventSettings})
     */
    public record Header(String eventId, String rule, Instant time, double value, double average, String reason,
                         Map<String, Object> config, Map<String, String> labels, String metric,
                         Map<String, Double> thresholds, Map<String, String> settings) {
    }

    private TimelineWriter() {
    }

    /**
     * @param file   where to write (a temporary path from {@link EventFiles})
     * @param header the event
     * @param series the metric history
     * @throws IOException when writing fails
     */
    public static void write(Path file, Header header, List<Series> series) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("eventId", header.eventId());
            g.writeStringField("rule", header.rule());
            g.writeStringField("time", header.time().toString());
            number(g, "value", header.value());
            number(g, "average", header.average());
            g.writeStringField("reason", header.reason());
            if (header.metric() != null) {
                g.writeStringField("metric", header.metric());
            }
            g.writeObjectFieldStart("thresholds");
            for (Map.Entry<String, Double> e : header.thresholds().entrySet()) {
                number(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("config");
            for (Map.Entry<String, Object> e : header.config().entrySet()) {
                g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
            }
            g.writeEndObject();
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : header.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("settings");
            for (Map.Entry<String, String> e : header.settings().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("metrics");
            for (Series s : series) {
                g.writeStartObject();
                g.writeStringField("metric", s.metric());
                g.writeStringField("unit", s.unit());
                g.writeArrayFieldStart("samples");
                for (Point p : s.points()) {
                    g.writeStartObject();
                    g.writeStringField("time", Instant.ofEpochMilli(p.epochMillis()).toString());
                    number(g, "value", p.value());
                    g.writeStringField("source", p.source());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
