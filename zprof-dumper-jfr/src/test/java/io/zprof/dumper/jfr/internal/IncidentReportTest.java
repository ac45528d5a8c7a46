package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.Zprof;
import io.zprof.dumper.jfr.IncidentReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident report through the real engine and the real dumpers: a thread leak and a CPU burn happen before the
 * trigger, the threads rule fires, and the event's first file is a report that holds the event's data.
 */
class IncidentReportTest {
    private static final int LEAKED = 9;
    private static final long CLOCK_MARGIN_MS = 50;
    @RegisterExtension
    final ParkedThreads leaked = new ParkedThreads();

    @TempDir
    Path dir;

    private Map<String, String> settings() {
        return Map.ofEntries(Map.entry("zprof.warmup", "0"),
                Map.entry("zprof.window", "3"), Map.entry("zprof.threads.enabled", "true"),
                Map.entry("zprof.threads.min", "1"), Map.entry("zprof.threads.abs", "50"),
                Map.entry("zprof.threads.diff", "40"), Map.entry("zprof.threads.dumps", "threads,threadcreate,cpu"),
                Map.entry("zprof.dump.path", dir.toString()), Map.entry("zprof.dump.cpuduration", "1s"),
                Map.entry("zprof.dump.threadcreateduration", "500ms"), Map.entry("zprof.dump.window.enabled", "true"));
    }

    /** What happens before the trigger. */
    @FunctionalInterface
    private interface BeforeTrigger {
        void run() throws Exception;
    }

    /**
     * Runs the real engine: three samples of 10 threads, then what the test does, then 90 threads fire the rule.
     *
     * @return the event, once its capture ended
     */
    private ReportEvent fire(BeforeTrigger before, DumperProvider... extra) throws Exception {
        LinkedBlockingQueue<ReportEvent> events = new LinkedBlockingQueue<>();
        ScriptedThreadsCollectorProvider threads = new ScriptedThreadsCollectorProvider();
        Zprof.Builder builder = Zprof.builder().properties(ConfigProperties.of(settings())).collector(threads);
        for (DumperProvider p : extra) {
            builder.dumper(p);
        }
        try (Zprof zprof = builder.manualSampling().build()) {
            zprof.addListener(events::add);
            zprof.start();
            for (int i = 0; i < 3; i++) {
                zprof.sampleNow();
            }
            before.run();
            // the trigger (the engine's wall clock, in milliseconds) must come after the above by more than JFR's
            // event times can differ from the wall clock (a few milliseconds on a loaded machine)
            long done = System.currentTimeMillis();
            while (System.currentTimeMillis() <= done + CLOCK_MARGIN_MS) {
                Thread.onSpinWait();
            }
            threads.threads = 90;
            zprof.sampleNow();
            ReportEvent event = events.poll(30, TimeUnit.SECONDS);
            assertNotNull(event, "the rule fired and the capture ended");
            return event;
        }
    }

    @Test
    void theEventsFirstFileIsAReportWithItsTimelineFlameGraphsAndThreadCreation() throws Exception {
        ReportEvent event = fire(() -> {
            Workloads.background("zprof-test-report-burner", () -> Workloads.burnCpuInZprofTest(700)).join();
            leakThreadsInReportTest();
        });
        ArtifactRef first = event.artifacts().get(0);
        assertEquals("report", first.kind(), "the report comes first: " + event.artifacts());
        assertTrue(first.name().matches("report_\\d{8}-\\d{6}_" + event.eventId() + "\\.html"), first.name());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.path())));
        String html = Files.readString(first.path());

        assertTrue(html.contains(Html.esc(event.reason())), "the reason");
        assertTrue(html.contains("<svg class=\"chart\" data-metric=\"jvmthreads\" data-samples=\"4\""),
                "the rule's metric charted with its 4 samples");
        assertTrue(html.contains("class=\"threshold\" data-name=\"abs\" data-value=\"50\""), "the abs threshold");
        assertTrue(html.contains("data-name=\"window average\" data-value=\"10\""), "the window average");
        assertTrue(html.contains("<g class=\"trigger\">") && html.contains("class=\"window\""),
                "the trigger and the pre-trigger window marked");

        String windowFlame = element(html, "<svg class=\"flamegraph\" id=\"flame-window\"", "</svg>");
        assertTrue(frameSamples(windowFlame, "Workloads.burnCpuInZprofTest") > 0,
                "the burn before the trigger is in the window's flame graph");
        assertTrue(html.contains("<svg class=\"flamegraph\" id=\"flame-cpu\""), "and the capture has one too");

        String creation = element(html, "<table class=\"thread-creation\">", "</table>");
        String leakRow = element(creation, "<tr><td><b>io.zprof.dumper.jfr.internal.IncidentReportTest.leakThreadsInReportTest", "</tr>");
        assertTrue(leakRow.contains("</b></td><td>" + LEAKED + "</td><td>" + LEAKED + "</td><td>" + LEAKED + "</td>"),
                "the leaking method, its " + LEAKED + " threads, all before the trigger, none ended:\n" + leakRow);

        String stacks = element(html, "<table class=\"thread-stacks\">", "</table>");
        assertTrue(stacks.contains("zprof-test-report-leaked-"), "the leaked threads' shared stack is grouped:\n" + stacks);
        assertTrue(Pattern.compile("<tr><td>(\\d+)</td><td>WAITING</td><td>zprof-test-report-leaked-")
                .matcher(stacks).results().anyMatch(m -> Integer.parseInt(m.group(1)) == LEAKED),
                "one row counts the " + LEAKED + " leaked threads:\n" + stacks);

        String files = element(html, "<table class=\"files\">", "</table>");
        for (ArtifactRef a : event.artifacts().subList(1, event.artifacts().size())) {
            assertTrue(files.contains("<a href=\"" + a.name() + "\">"), "links to " + a.name() + ":\n" + files);
        }
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing is loaded from the network");
        assertFalse(html.contains("<script"), "no script");
    }

    @Test
    void aReportThatFailsCostsOnlyTheReport() throws Exception {
        ReportEvent event = fire(() -> { }, new FailingReportProvider());
        List<String> kinds = event.artifacts().stream().map(ArtifactRef::kind).toList();
        assertFalse(kinds.contains("report"), kinds.toString());
        assertTrue(kinds.containsAll(List.of("threads", "threadcreate", "cpu", "window", "timeline")), kinds.toString());
        assertEquals(null, event.error(), "the capture itself worked");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("report")), "no half-written report left");
        }
    }

    @Test
    void aToolRebuildsTheReportFromTheDirectoryAndShowsAHolderAnalysis() throws Exception {
        ReportEvent event = fire(() -> { });
        Path written = event.artifacts().get(0).path();
        String stamp = written.getFileName().toString().split("_")[1];
        Path histogram = dir.resolve("heapdiff_" + stamp + "_" + event.eventId() + ".txt");
        Files.writeString(histogram, "live heap: 1.0 MiB -> 2.0 MiB\n  +1.0 MiB  com.example.Cache\n");
        Files.writeString(dir.resolve("holders_" + stamp + "_" + event.eventId() + ".txt"),
                "com.example.Cache retains 1.0 MiB\n  GC root: static com.example.App.CACHE\n");

        Path rebuilt = IncidentReport.rebuild(dir, event.eventId());
        assertEquals(written, rebuilt, "the same name, replaced");
        String html = Files.readString(rebuilt);
        String holders = element(html, "<div class=\"holders\">", "</div>");
        assertTrue(holders.contains("GC root: static com.example.App.CACHE"), holders);
        assertTrue(html.contains("com.example.Cache"), "the diff is shown");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rebuilt)));
        assertTrue(assertThrows(IOException.class, () -> IncidentReport.rebuild(dir, "404")).getMessage()
                .contains("404"));
    }

    @Test
    void theHolderAnalysisResultIsATableWithRetainedSizeGcRootPathAndWhereItRan() throws Exception {
        ReportEvent event = fire(() -> { });
        String stamp = event.artifacts().get(0).path().getFileName().toString().split("_")[1];
        Files.writeString(dir.resolve("heapdiff_" + stamp + "_" + event.eventId() + ".txt"), "+38.1 MiB  byte[]\n");
        // what the holders dumper's child JVM wrote for the demo's memory event (one class, one holder kept)
        try (var in = IncidentReportTest.class.getResourceAsStream("holders-demo.json")) {
            Files.write(dir.resolve("holders_" + stamp + "_" + event.eventId() + ".json"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("holders_" + stamp + "_" + event.eventId() + ".txt"), "the text form\n");

        String holders = element(Files.readString(IncidentReport.rebuild(dir, event.eventId())),
                "<div class=\"holders\">", "</div>");
        assertTrue(holders.contains("<b class=\"holder\">io.zprof.demo.Demo.RETAINED (static field)</b> &rarr;"
                + " java.util.ArrayList"), holders);
        assertTrue(holders.contains("<td>200.0 MiB in 402 objects</td>"), "retained size with its unit: " + holders);
        assertTrue(holders.contains("<td>26,190 (+2,036)</td>"), "instances and their change: " + holders);
        assertTrue(holders.contains("<li class=\"note\">GC root: System class</li>")
                && holders.contains("<li>io.zprof.demo.Demo class .RETAINED")
                && holders.contains("<li>java.util.ArrayList instance [0]")
                && holders.contains("<li>byte[] array"), "the path from the GC root, root first: " + holders);
        assertTrue(holders.contains("where: child JVM pid 23619, -Xmx512m, started by pid 23277; took 15.8 s"), holders);
        assertFalse(holders.contains("the text form"), "the JSON is shown, not the text form");
    }

    private static <T extends Throwable> T assertThrows(Class<T> type, org.junit.jupiter.api.function.Executable e) {
        return org.junit.jupiter.api.Assertions.assertThrows(type, e);
    }

    /** @return the samples of the widest frame whose name contains {@code method}, 0 when none */
    private static long frameSamples(String svg, String method) {
        Matcher m = Pattern.compile("data-name=\"([^\"]*" + Pattern.quote(method) + "[^\"]*)\" data-samples=\"(\\d+)\"")
                .matcher(svg);
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(2)));
        }
        return max;
    }

    private static String element(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in the report");
        int to = html.indexOf(end, from);
        return html.substring(from, to < 0 ? html.length() : to + end.length());
    }

    private void leakThreadsInReportTest() {
        for (int i = 0; i < LEAKED; i++) {
            leaked.newThread("zprof-test-report-leaked-" + i).start();
        }
    }

    /** A report dumper that writes half a file and throws, preferred over the real one. */
    static final class FailingReportProvider implements DumperProvider {
        @Override
        public String name() {
            return "failingreport";
        }

        @Override
        public int priority() {
            return 1000;
        }

        @Override
        public Optional<Set<String>> settingKeys() {
            return Optional.of(Set.of());
        }

        @Override
        public Set<DumpKind> kinds() {
            return Set.of(DumpKind.REPORT);
        }

        @Override
        public Dumper create(ProviderContext context) {
            return (DumpRequest request) -> {
                Files.writeString(request.output().newFile("report", "html"), "<html>half");
                throw new IOException("the report failed on purpose");
            };
        }
    }
}
