package io.zprof.dumper.jfr.internal;

import io.zprof.api.model.Quantities;
import io.zprof.support.jfr.SummaryNumbers;
import io.zprof.support.jfr.WeightsByKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sections of the incident report that read one kind of file each; {@link ReportWriter} assembles them. */
final class ReportSections {
    private static final int TOP_FRAMES = 15;
    /** What opens each kind of file, for the file table. */
    private static final Map<String, String> TOOLS = tools();

    private ReportSections() {
    }

    /** @param t the timeline @return what fired, why, when, with labels and limits */
    static String summary(ReportTimeline t) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rule", "<b>" + Html.esc(t.rule) + "</b>" + (t.metric == null ? ""
                : " watching " + Html.esc(t.metric))));
        rows.add(List.of("why", "<span class=\"reason\">" + Html.esc(t.reason) + "</span>"));
        rows.add(List.of("when", Html.esc(t.time.toString())));
        ReportTimeline.Series main = t.metric == null ? null : t.series(t.metric);
        String unit = main == null ? "" : main.unit();
        rows.add(List.of("value / window average", Html.esc(Quantities.of(t.value, unit) + " / "
                + Quantities.of(t.average, unit))));
        rows.add(List.of("event id", Html.esc(t.eventId)));
        List<String> labels = new ArrayList<>();
        t.labels.forEach((k, v) -> labels.add(k + "=" + v));
        rows.add(List.of("labels", Html.esc(labels.isEmpty() ? "(none)" : String.join(", ", labels))));
        rows.add(List.of("CPU limit", limit(t, "cpulimitcores")));
        rows.add(List.of("memory limit", limit(t, "memorylimitbytes")));
        return Html.table("summary", List.of("", ""), rows);
    }

    private static String limit(ReportTimeline t, String metric) {
        ReportTimeline.Sample s = t.last(metric);
        ReportTimeline.Series series = t.series(metric);
        return s == null ? "unknown" : Html.esc(Quantities.of(s.value(), series.unit()) + " (source " + s.source() + ")");
    }

    /** @param t the timeline @return zprof's settings and the rule's */
    static String settings(ReportTimeline t) {
        List<List<String>> rows = new ArrayList<>();
        t.config.forEach((k, v) -> rows.add(List.of(Html.esc("rule " + t.rule + ": " + k), Html.esc(v))));
        t.thresholds.forEach((k, v) -> rows.add(List.of(Html.esc("threshold " + k), Html.esc(Html.num(v)))));
        t.settings.forEach((k, v) -> rows.add(List.of(Html.esc(k), Html.esc(v))));
        return Html.table("settings", List.of("setting", "value"), rows);
    }

    /**
     * @param jfr   a recording with execution samples
     * @param id    the flame graph's element id
     * @return its flame graph and top frames
     */
    static String cpu(Path jfr, String id) throws IOException {
        CollapsedStacks stacks = CollapsedStacks.cpu(jfr);
        StringBuilder b = new StringBuilder();
        b.append("<p>").append(stacks.total()).append(" execution samples in ").append(Html.esc(ReportBundle.name(jfr)))
                .append("; hover a frame for its samples</p>");
        b.append(FlameGraphSvg.render(stacks, id));
        b.append("<div class=\"two\">").append(topFrames("top-self", "by self samples (where the CPU was spent)",
                stacks.self())).append(topFrames("top-total", "by total samples (callers included)",
                stacks.inclusive())).append("</div>");
        return b.toString();
    }

    private static String topFrames(String cssClass, String title, WeightsByKey tally) {
        List<List<String>> rows = new ArrayList<>();
        for (String frame : tally.top(TOP_FRAMES)) {
            rows.add(List.of(Html.esc(frame), Long.toString(tally.get(frame)),
                    Html.esc(SummaryNumbers.percent(tally.get(frame), tally.total()))));
        }
        return "<div><h4>" + Html.esc(title) + "</h4>" + Html.table("top-frames " + cssClass,
                List.of("method", "samples", "share"), rows) + "</div>";
    }

    /**
     * @param bundle the event's files
     * @return the heap section: the histogram diff (or histogram) and, when a holder analysis is in the bundle, who
     *         holds the growth; empty when the event has no heap evidence
     */
    static Optional<String> heap(ReportBundle bundle) throws IOException {
        Optional<Path> diff = bundle.find("heapdiff", "txt");
        Optional<Path> histogram = bundle.find("histogram", "txt");
        if (diff.isEmpty() && histogram.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        if (diff.isPresent()) {
            b.append("<h3>What grew since the previous capture (").append(Html.esc(ReportBundle.name(diff.get())))
                    .append(")</h3>").append(Html.pre(head(diff.get(), 40)));
        } else {
            b.append("<h3>Class histogram (").append(Html.esc(ReportBundle.name(histogram.get())))
                    .append("); a diff comes with the next capture of the series</h3>")
                    .append(Html.pre(head(histogram.get(), 30)));
        }
        b.append("<h3 id=\"holders\">Who holds the growth</h3>");
        // the holder analysis's result (JSON), else its note (running, failed, not run) or a text form alone
        Optional<Path> json = bundle.find("holders", "json");
        Optional<Path> holders = bundle.find("holders", "txt");
        if (json.isPresent()) {
            b.append("<div class=\"holders\">").append(ReportHolders.render(json.get())).append("</div>");
        } else if (holders.isPresent()) {
            b.append("<div class=\"holders\">").append(Html.pre(Files.readString(holders.get(), StandardCharsets.UTF_8)))
                    .append("</div>");
        } else {
            b.append("<p class=\"note\">no holder analysis in this bundle (turn on zprof.dump.heapholders.enabled to"
                    + " have the event's pair of heap dumps analysed in a child JVM, or run zprof heap OLD.hprof"
                    + " NEW.hprof); open the heap dump in Eclipse MAT for the dominator tree</p>");
        }
        return Optional.of(b.toString());
    }

    private static String head(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> shown = all.subList(0, Math.min(lines, all.size()));
        return String.join("\n", shown) + (all.size() > lines ? "\n... " + (all.size() - lines) + " more lines in the file" : "");
    }

    /** @param bundle the event's files @return every raw file with its size and the tool that opens it */
    static String files(ReportBundle bundle) {
        List<List<String>> rows = new ArrayList<>();
        for (ReportBundle.File f : bundle.files()) {
            String name = ReportBundle.name(f.path());
            rows.add(List.of("<a href=\"" + Html.esc(name) + "\">" + Html.esc(name) + "</a>",
                    Html.esc(f.size() < 0 ? "?" : Quantities.bytes(f.size())), Html.esc(tool(f))));
        }
        return Html.table("files", List.of("file", "size", "open with"), rows);
    }

    private static String tool(ReportBundle.File f) {
        String byType = TOOLS.get(f.type() + "." + f.extension());
        if (byType != null) {
            return byType;
        }
        String byExtension = TOOLS.get(f.extension());
        return byExtension == null ? "a text editor" : byExtension;
    }

    private static Map<String, String> tools() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jfr", "jfr summary / jfr print (JDK), JDK Mission Control");
        m.put("hprof", "Eclipse MAT or VisualVM; holds every secret in memory: keep it private");
        m.put("txt", "a text editor");
        m.put("html", "a web browser");
        m.put("timeline.json", "a JSON viewer; charted above");
        m.put("threads.json", "a JSON viewer or jq (the JDK's thread dump format, with virtual threads)");
        m.put("holders.json", "zprof summary, a JSON viewer; shown above (who holds the growth)");
        m.put("window.jfr", "jfr print --events jdk.ExecutionSample (JDK), JDK Mission Control: the history before"
                + " the trigger");
        return m;
    }
}
