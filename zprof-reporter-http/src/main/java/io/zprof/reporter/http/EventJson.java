package io.zprof.reporter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.ReportEvent;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON document the HTTP reporter sends for an event. Field names are stable (collectors parse them); instants
 * are ISO-8601 strings, numbers that are not finite (an average that does not apply) are {@code null}, and artifacts
 * are listed by name, kind and size (their bytes travel only in {@code multipart} mode).
 */
final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    /**
     * @param e the event
     * @return its JSON document, UTF-8
     */
    static byte[] of(ReportEvent e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventId", e.eventId());
        root.put("type", e.type() == null ? null : e.type().name().toLowerCase(Locale.ROOT));
        root.put("time", text(e.time()));
        root.put("rule", e.rule());
        root.put("metric", e.metric());
        number(root, "value", e.value());
        number(root, "average", e.average());
        root.put("reason", e.reason());
        ObjectNode thresholds = root.putObject("thresholds");
        for (Map.Entry<String, Double> t : new TreeMap<>(e.thresholds()).entrySet()) {
            number(thresholds, t.getKey(), t.getValue());
        }
        ObjectNode labels = root.putObject("labels");
        new TreeMap<>(e.labels()).forEach(labels::put);
        root.put("from", text(e.from()));
        root.put("until", text(e.until()));
        ArrayNode artifacts = root.putArray("artifacts");
        for (ArtifactRef a : e.artifacts()) {
            artifacts.addObject().put("name", a.name()).put("kind", a.kind()).put("sizeBytes", a.sizeBytes());
        }
        root.put("error", e.error());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a JSON tree", ex);
        }
    }

    private static void number(ObjectNode node, String field, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
