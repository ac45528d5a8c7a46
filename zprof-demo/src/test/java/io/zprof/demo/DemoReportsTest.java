package io.zprof.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.dumper.jfr.IncidentReport;
import io.zprof.testsupport.ChildJvm;
import io.zprof.testsupport.ExternalCapability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's CPU burn and thread leak, run as {@code ./demo.sh} runs them (a child JVM, {@code -Xmx512m}): every
 * event writes an incident report; the thread-leak reports name the leaking method with the number of threads it
 * created, counting those started before the trigger; the CPU report shows the burning method in its flame graph, as laid out
 * by a real headless Chromium, whose screenshot is kept in {@code zprof-demo/target/report-screenshots/}.
 */
class DemoReportsTest {
    private static final Pattern TITLE = Pattern.compile("<h1>zprof: (\\w+) fired at ");
    private static final String BURN = "io.zprof.demo.DemoWorkload.demoCpuBurn";

    @TempDir
    static Path work;
    private static Map<String, Path> reports;
    private static Path dumps;
    private static String output;

    @BeforeAll
    static void runTheDemo() throws Exception {
        dumps = work.resolve("dumps");
        output = ChildJvm.run(work, List.of("-Xmx512m", "-Dzprof.demo.dir=" + dumps,
                "-Dzprof.demo.steps=cpu,threads"), Demo.class, List.of(), Map.of());
        assertTrue(output.contains("== Start with the incident reports") && output.contains("remove them with: rm -rf "),
                "the demo says where the reports are and how to clean up:\n" + output);
        reports = new HashMap<>();
        for (Path p : files("report_")) {
            Matcher m = TITLE.matcher(Files.readString(p));
            assertTrue(m.find(), "a title in " + p);
            reports.put(m.group(1), p);
            assertTrue(output.contains(p.toUri().toString()), "the demo prints " + p.toUri() + ":\n" + output);
        }
    }

    private static List<Path> files(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dumps)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void everyEventHasAReport() throws IOException {
        assertEquals(files("timeline_").size(), files("report_").size(), "one report per event: " + reports);
        assertTrue(reports.keySet().containsAll(List.of("cpu", "threads", "osthreads")), reports + "\n" + output);
    }

    @Test
    void theThreadLeakReportsNameTheLeakingMethodWithItsThreadsIncludingThoseBeforeTheTrigger() throws IOException {
        for (String rule : List.of("threads", "osthreads")) {
            String html = Files.readString(reports.get(rule));
            Matcher row = Pattern.compile("<tr><td><b>io\\.zprof\\.demo\\.DemoWorkload\\.leakThreads\\(line \\d+\\)</b></td>"
                    + "<td>(\\d+)</td><td>(\\d+)</td><td>(\\d+)</td>").matcher(html);
            assertTrue(row.find(), rule + ": the creating method is in the thread-creation table");
            assertEquals("80", row.group(1), rule + ": the demo leaks 80 threads");
            // the rule may fire while the leak is still starting threads: most, not always all, came before
            assertTrue(Integer.parseInt(row.group(2)) > 0, rule + ": started before the trigger: " + row.group(2));
            assertEquals("80", row.group(3), rule + ": none ended");
        }
    }

    @Test
    void theCpuReportShowsTheBurningMethodInItsFlameGraphInARealBrowser() throws Exception {
        ExternalCapability.require(HeadlessChromium.installed(), "DemoReportsTest",
                "Debian's chromium (a headless browser)", "apt-get install -y chromium");
        HeadlessChromium chromium = HeadlessChromium.in(work);
        Path report = reports.get("cpu");
        assertTrue(report != null, "the cpu rule fired:\n" + output);
        chromium.screenshot(report, Path.of("target", "report-screenshots", "cpu-report.png"));

        // the report runs no script (its CSP forbids it); a copy with a measuring script says what Chromium laid out
        Path measured = work.resolve("measured.html");
        Files.writeString(measured, Files.readString(report)
                .replace("default-src 'none'; style-src 'unsafe-inline';", "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline';")
                .replace("</body>", "<script>" + measuring() + "</script></body>"));
        String dom = chromium.dumpDom(measured);
        Matcher m = Pattern.compile("<pre id=\"measured\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "the measuring script ran:\n" + dom.substring(0, Math.min(2000, dom.length())));
        JsonNode r = new ObjectMapper().readTree(m.group(1).replace("&quot;", "\""));

        assertTrue(r.path("burnSamples").asLong() > 0 && r.path("burnWidth").asDouble() >= 1,
                "the burning method is drawn in a flame graph: " + r);
        assertTrue(r.path("topSelf").toString().contains(BURN), "and heads a top-frames table: " + r);
        assertTrue(r.path("mainChartSamples").asInt() >= 3 && r.path("mainChartHeight").asDouble() > 100,
                "the cpupercent chart is drawn with its samples: " + r);
        assertTrue(r.path("drawnCharts").asInt() >= 4, "every metric is charted: " + r);
        assertTrue(r.path("thresholds").toString().contains("abs"), "with the rule's thresholds: " + r);
        assertTrue(r.path("trigger").asBoolean() && r.path("window").asBoolean(), "trigger and window marked: " + r);
        assertTrue(r.path("reason").asText().startsWith("fired: "), r.toString());
        assertEquals(IncidentReport.eventFiles(dumps, eventId(report)).size(), r.path("fileRows").asInt(),
                "every other file of the event is listed");
    }

    private static String eventId(Path report) {
        String n = report.getFileName().toString();
        return n.substring(n.lastIndexOf('_') + 1, n.lastIndexOf('.'));
    }

    private static String measuring() throws IOException {
        try (var in = DemoReportsTest.class.getResourceAsStream("measure-report.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("BURN", BURN);
        }
    }
}
