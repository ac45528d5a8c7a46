package io.zprof.dumper.jfr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The event's {@code timeline_*.json} as the report reads it: the event, its settings and every metric's samples. */
final class ReportTimeline {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One sample. @param time when @param value the value @param source where it came from */
    record Sample(Instant time, double value, String source) {
    }

    /** One metric's samples. @param metric its key @param unit its unit @param samples oldest first */
    record Series(String metric, String unit, List<Sample> samples) {
    }

    final String eventId;
    final String rule;
    final Instant time;
    final double value;
    final double average;
    final String reason;
    final String metric;
    final Map<String, Double> thresholds;
    final Map<String, String> config;
    final Map<String, String> labels;
    final Map<String, String> settings;
    final List<Series> series;

    private ReportTimeline(JsonNode root) {
        eventId = root.path("eventId").asText("");
        rule = root.path("rule").asText("");
        time = Instant.parse(root.path("time").asText());
        value = number(root.path("value"));
        average = number(root.path("average"));
        reason = root.path("reason").asText("");
        metric = root.hasNonNull("metric") ? root.get("metric").asText() : null;
        thresholds = new LinkedHashMap<>();
        root.path("thresholds").fields().forEachRemaining(e -> thresholds.put(e.getKey(), number(e.getValue())));
        config = strings(root.path("config"));
        labels = strings(root.path("labels"));
        settings = strings(root.path("settings"));
        series = new ArrayList<>();
        for (JsonNode m : root.path("metrics")) {
            List<Sample> samples = new ArrayList<>();
            for (JsonNode s : m.path("samples")) {
                samples.add(new Sample(Instant.parse(s.path("time").asText()), number(s.path("value")),
                        s.path("source").asText("")));
            }
            series.add(new Series(m.path("metric").asText(), m.path("unit").asText(""), samples));
        }
    }

    /**
     * @param file a timeline file
     * @return its content
     * @throws IOException when it cannot be read or is not a timeline
     */
    static ReportTimeline read(Path file) throws IOException {
        try {
            return new ReportTimeline(JSON.readTree(file.toFile()));
        } catch (RuntimeException e) {
            throw new IOException("not a zprof timeline: " + file + ": " + e, e);
        }
    }

    /** @param key a metric key @return its series, or null */
    Series series(String key) {
        for (Series s : series) {
            if (s.metric().equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** @param key a metric key @return its last sample, or null */
    Sample last(String key) {
        Series s = series(key);
        return s == null || s.samples().isEmpty() ? null : s.samples().get(s.samples().size() - 1);
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
