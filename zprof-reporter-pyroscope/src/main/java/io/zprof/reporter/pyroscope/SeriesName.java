package io.zprof.reporter.pyroscope;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The {@code name} query parameter of {@code /ingest}: {@code <service>{<k>=<v>,...}} with labels sorted.
 * Pyroscope's JFR path uses the service name verbatim (no {@code .cpu} suffix handling), accepts
 * {@code [A-Za-z0-9_./-]} in it, and splits labels on {@code ,} and {@code }}; label names are kept to
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}, which every Pyroscope setting accepts. Only static, low-cardinality labels go in:
 * never event ids or time stamps.
 */
final class SeriesName {
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9_./-]+");
    private static final Pattern SUFFIX = Pattern.compile(".*\\.(cpu|itimer|wall|alloc|lock)");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern BAD_VALUE = Pattern.compile(".*[,{}=\\p{Cntrl}].*");
    /** Pyroscope allows 30 label names per series and adds 5 itself. */
    static final int MAX_LABELS = 25;
    /** Service name when neither the configuration nor the event's {@code app} label gives one. */
    static final String DEFAULT_SERVICE = "zprof";
    /** Label naming the rule that fired, on triggered captures. */
    static final String TRIGGER_LABEL = "trigger";
    /**
     * Appended to the service name of triggered captures while continuous profiling uploads the same samples under
     * the service itself: Pyroscope sums a service's series, so the captures get a service of their own.
     */
    static final String TRIGGERS_SERVICE_SUFFIX = "-triggers";

    private SeriesName() {
    }

    /** @param app a service name @return what is wrong with it, or {@code null} */
    static String serviceNameProblem(String app) {
        if (!SERVICE.matcher(app).matches()) {
            return "may only contain letters, digits and . _ / -";
        }
        if (SUFFIX.matcher(app).matches()) {
            return "must be the bare application name: Pyroscope's JFR ingestion keeps a .cpu-style suffix as part "
                    + "of the service name";
        }
        return null;
    }

    /** @param name a label name @param value its value @return what is wrong with them, or {@code null} */
    static String labelProblem(String name, String value) {
        if (name == null || !LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
            return "label names must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __";
        }
        if (value == null || value.isBlank() || BAD_VALUE.matcher(value).matches()) {
            return "label values must be non-empty and free of , { } = and control characters";
        }
        return null;
    }

    /**
     * @param configuredApp  the configured service name, or {@code null}
     * @param configured     static labels from the configuration (they win over the event's)
     * @param event          the event (its labels, and its rule for triggered captures)
     * @param serviceSuffix  appended to the service name ({@link #TRIGGERS_SERVICE_SUFFIX} or empty)
     * @param dropped        told about each label left out, with the reason
     * @return the {@code name} parameter
     */
    static String of(String configuredApp, Map<String, String> configured, ReportEvent event, String serviceSuffix,
                     BiConsumer<String, String> dropped) {
        String fromLabel = event.labels().get("app");
        String app = configuredApp != null ? configuredApp
                : fromLabel != null && !fromLabel.isBlank() ? sanitize(fromLabel) : DEFAULT_SERVICE;
        SortedMap<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, String> l : new TreeMap<>(event.labels()).entrySet()) {
            String problem = labelProblem(l.getKey(), l.getValue());
            if (problem == null) {
                labels.put(l.getKey(), l.getValue());
            } else {
                dropped.accept(l.getKey(), problem);
            }
        }
        labels.putAll(configured);
        if (event.type() == EventType.TRIGGER && event.rule() != null && labelProblem(TRIGGER_LABEL, event.rule()) == null) {
            labels.putIfAbsent(TRIGGER_LABEL, event.rule());
        }
        if (app.equals(labels.get("app"))) {
            labels.remove("app");
        }
        String service = app + serviceSuffix;
        while (labels.size() > MAX_LABELS) {
            String last = labels.lastKey();
            labels.remove(last);
            dropped.accept(last, "more than " + MAX_LABELS + " labels");
        }
        StringBuilder name = new StringBuilder(service);
        if (!labels.isEmpty()) {
            name.append('{');
            labels.forEach((k, v) -> name.append(k).append('=').append(v.trim()).append(','));
            name.setCharAt(name.length() - 1, '}');
        }
        return name.toString();
    }

    private static String sanitize(String s) {
        String clean = s.trim().replaceAll("[^A-Za-z0-9_./-]", "_");
        return SUFFIX.matcher(clean).matches() ? clean.substring(0, clean.lastIndexOf('.')) : clean;
    }
}
