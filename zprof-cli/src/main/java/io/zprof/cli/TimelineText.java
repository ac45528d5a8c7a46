package io.zprof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.analysis.heap.ByteSizes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The text form of a {@code timeline_*.json}: the rule, its reason and settings, each metric's recent range. */
final class TimelineText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TimelineText() {
    }

    /**
     * @param timeline a timeline file
     * @return its summary
     * @throws IOException when it cannot be read as JSON
     */
    static String render(Path timeline) throws IOException {
        JsonNode t = JSON.readTree(timeline.toFile());
        StringBuilder out = new StringBuilder();
        out.append("event ").append(t.path("eventId").asText()).append("  rule=").append(t.path("rule").asText())
                .append("  at ").append(t.path("time").asText()).append('\n');
        out.append("reason: ").append(t.path("reason").asText()).append('\n');
        out.append("settings: ").append(t.path("config")).append('\n');
        out.append("labels: ").append(t.path("labels")).append('\n');
        out.append(String.format(Locale.ROOT, "%n%-28s %-6s %8s %14s %14s %14s  %s%n", "metric", "unit", "samples", "min",
                "max", "last", "source"));
        for (JsonNode m : t.path("metrics")) {
            JsonNode samples = m.path("samples");
            double min = Double.NaN;
            double max = Double.NaN;
            for (JsonNode s : samples) {
                double v = s.path("value").asDouble();
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
            }
            JsonNode last = samples.size() > 0 ? samples.get(samples.size() - 1) : JSON.createObjectNode();
            String unit = m.path("unit").asText();
            out.append(String.format(Locale.ROOT, "%-28s %-6s %8d %14s %14s %14s  %s%n", m.path("metric").asText(), unit,
                    samples.size(), value(min, unit), value(max, unit), value(last.path("value").asDouble(Double.NaN), unit),
                    last.path("source").asText("")));
        }
        return out.toString();
    }

    /** @return bytes in binary units, other values with two decimals (or in scientific notation when huge) */
    private static String value(double v, String unit) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if ("bytes".equals(unit)) {
            return ByteSizes.of((long) v);
        }
        return Math.abs(v) < 1e7 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3e", v);
    }
}
