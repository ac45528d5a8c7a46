package io.zprof.dumper.jfr.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the incident report of an event from its files: one self-contained HTML page (inline CSS and SVG, no
 * script, no network) that starts with what fired and why, then the timeline, the CPU flame graphs, the threads, the
 * heap and the list of raw files. A section whose file is missing is left out; one whose file cannot be read says why,
 * and the rest of the report is still written. Public for {@code io.zprof.dumper.jfr.IncidentReport}; not an API.
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    /** A section's content, which may fail to be made. */
    @FunctionalInterface
    private interface Content {
        String make() throws Exception;
    }

    private final ReportBundle bundle;
    private final List<String> nav = new ArrayList<>();
    private final StringBuilder body = new StringBuilder(256 * 1024);

    private ReportWriter(ReportBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * @param files the event's files (any order; files that do not exist are ignored)
     * @param html  the report to create; must not exist
     * @throws IOException when the report cannot be written (a file that cannot be read only loses its section)
     */
    public static void write(List<Path> files, Path html) throws IOException {
        ReportWriter w = new ReportWriter(ReportBundle.of(files));
        String page = w.page();
        try (Writer out = Files.newBufferedWriter(html, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
            out.write(page);
        }
    }

    private String page() {
        ReportTimeline t = null;
        Optional<Path> timeline = bundle.find("timeline", "json");
        String title = "zprof incident report";
        if (timeline.isPresent()) {
            try {
                t = ReportTimeline.read(timeline.get());
                title = "zprof: " + t.rule + " fired at " + t.time;
            } catch (IOException e) {
                section("summary", "What fired", () -> error(e));
            }
        }
        ReportTimeline tl = t;
        if (tl != null) {
            section("summary", "What fired", () -> ReportSections.summary(tl));
            section("timeline", "Metric timeline", () -> TimelineCharts.render(tl));
        }
        bundle.find("cpu", "jfr").ifPresent(p -> section("cpu", "CPU after the trigger (flame graph)",
                () -> ReportSections.cpu(p, "flame-cpu")));
        Optional<Path> window = bundle.find("window", "jfr");
        window.ifPresent(p -> section("window", "CPU before the trigger: the pre-trigger window (flame graph)",
                () -> ReportSections.cpu(p, "flame-window")));
        Optional<Path> dump = bundle.find("threads", "txt").or(() -> bundle.find("threads", "json"));
        dump.ifPresent(p -> section("threads", "Threads, grouped by state and by identical stack",
                () -> ReportThreads.dump(p)));
        List<Path> creation = new ArrayList<>();
        bundle.find("threadcreate", "jfr").ifPresent(creation::add);
        window.ifPresent(creation::add);
        if (!creation.isEmpty() && tl != null) {
            section("creation", "Where threads were created (before and after the trigger)",
                    () -> ReportThreads.creation(creation, tl.time));
        }
        try {
            Optional<String> heap = ReportSections.heap(bundle);
            heap.ifPresent(h -> section("heap", "Heap", () -> h));
        } catch (IOException | RuntimeException e) {
            section("heap", "Heap", () -> error(e));
        }
        if (tl != null) {
            section("settings", "Settings", () -> ReportSections.settings(tl));
        }
        section("files", "Files of this event", () -> ReportSections.files(bundle));
        return ReportPage.html(title, nav, body.toString());
    }

    private void section(String id, String title, Content content) {
        String html;
        try {
            html = content.make();
        } catch (Exception | LinkageError e) {
            LOG.warn("incident report: section '{}' not written", title, e);
            html = error(e);
        }
        nav.add("<a href=\"#" + id + "\">" + Html.esc(title) + "</a>");
        body.append("<section id=\"").append(id).append("\"><h2>").append(Html.esc(title)).append("</h2>")
                .append(html).append("</section>\n");
    }

    private static String error(Throwable e) {
        return "<p class=\"error\">this section could not be made: " + Html.esc(e.toString()) + "</p>";
    }
}
