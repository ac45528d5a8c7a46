package io.zprof.reporter.http;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event as Prometheus text exposition format (version 0.0.4), for a Pushgateway. The rule is part of the
 * grouping key ({@code /rule/<rule>}), so each rule's group shows its latest event; samples carry the event type and
 * the static labels, and the key of the metric the rule watches ({@code metric="pool.active"}) when there is one.
 * Counters count the events of the rule this reporter pushed since the process started.
 * Pushgateway forbids time stamps on pushed samples, so none are written.
 *
 * <p>Thread-safe: the counters are updated under the instance lock.
 */
final class PrometheusText {
    /** Media type of the format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Label names the grouping key or this format owns; static labels with these names are left out. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("job", "instance", "rule", "type", "threshold",
            "metric");

    private final Map<String, Map<String, Long>> eventsByRuleAndType = new TreeMap<>();

    /**
     * Counts the event and renders it.
     *
     * @param e the event
     * @return the exposition text
     */
    synchronized String render(ReportEvent e) {
        String type = type(e.type());
        Map<String, Long> counts = eventsByRuleAndType.computeIfAbsent(e.rule(), r -> new TreeMap<>());
        counts.merge(type, 1L, Long::sum);

        Map<String, String> base = new LinkedHashMap<>();
        base.put("type", type);
        if (e.metric() != null) {
            // the watched metric's key as a label value: a third party's key (pool.active) is no valid metric name
            base.put("metric", e.metric());
        }
        new TreeMap<>(e.labels()).forEach((k, v) -> {
            if (!RESERVED.contains(k) && k.matches("[a-zA-Z_][a-zA-Z0-9_]*") && !k.startsWith("__")) {
                base.put(k, v);
            }
        });

        StringBuilder out = new StringBuilder(1024);
        gauge(out, "zprof_event_value", "Value of the metric that fired the rule (percent or count).", base, e.value());
        if (Double.isFinite(e.average())) {
            gauge(out, "zprof_event_average", "Window average the value was compared with.", base, e.average());
        }
        if (!e.thresholds().isEmpty()) {
            header(out, "zprof_event_threshold", "Thresholds of the rule when it fired.", "gauge");
            new TreeMap<>(e.thresholds()).forEach((name, v) -> {
                Map<String, String> labels = new LinkedHashMap<>(base);
                labels.put("threshold", name);
                sample(out, "zprof_event_threshold", labels, v);
            });
        }
        if (e.time() != null) {
            gauge(out, "zprof_event_timestamp_seconds", "When the rule fired, in Unix seconds.", base,
                    e.time().toEpochMilli() / 1000.0);
        }
        gauge(out, "zprof_event_artifacts", "Evidence files captured for the event.", base, e.artifacts().size());
        gauge(out, "zprof_event_artifact_bytes", "Total size of the evidence files, in bytes.", base, e.artifactBytes());
        gauge(out, "zprof_event_capture_failed", "1 when capturing evidence failed or was skipped, else 0.", base,
                e.error() == null ? 0 : 1);
        header(out, "zprof_events_total", "Events of this rule reported since the process started.", "counter");
        counts.forEach((t, n) -> {
            Map<String, String> labels = new LinkedHashMap<>(base);
            labels.put("type", t);
            sample(out, "zprof_events_total", labels, n);
        });
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, Map<String, String> labels, double v) {
        header(out, name, help, "gauge");
        sample(out, name, labels, v);
    }

    private static void header(StringBuilder out, String name, String help, String kind) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(kind).append('\n');
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, double v) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                out.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
                first = false;
            }
            out.append('}');
        }
        out.append(' ').append(number(v)).append('\n');
    }

    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String type(EventType t) {
        return t == null ? "unknown" : t.name().toLowerCase(Locale.ROOT);
    }
}
