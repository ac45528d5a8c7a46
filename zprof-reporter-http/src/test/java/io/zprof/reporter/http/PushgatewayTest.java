package io.zprof.reporter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zprof.api.model.EventType;
import io.zprof.api.model.ReportEvent;
import io.zprof.testsupport.ExternalCapability;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes to a real Prometheus Pushgateway (Debian package {@code prometheus-pushgateway}) started on a free loopback
 * port, then reads {@code /metrics} back. Without the binary it is skipped loudly, except in CI ({@code .ci/run}
 * installs it), where it fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushgatewayTest {
    private static final List<String> CANDIDATES = List.of("/usr/bin/prometheus-pushgateway",
            "/usr/local/bin/prometheus-pushgateway", "/usr/local/bin/pushgateway");

    @TempDir
    static Path dir;
    private static Process gateway;
    private static int port;
    private static Path log;

    @BeforeAll
    static void startPushgateway() throws Exception {
        Optional<Path> found = CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            return; // each test is skipped (or fails in CI) in requirePushgateway, so that the skips are counted
        }
        Path binary = found.get();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        log = dir.resolve("pushgateway.log");
        gateway = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + dir.resolve("metrics.store"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("/-/ready") != 200) {
            if (!gateway.isAlive() || System.nanoTime() - end > 0) {
                fail("Pushgateway did not become ready on port " + port + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    @BeforeEach
    void requirePushgateway() {
        ExternalCapability.require(gateway != null, "PushgatewayTest",
                "a Prometheus Pushgateway binary (Debian package prometheus-pushgateway) in " + CANDIDATES,
                "apt-get install -y prometheus-pushgateway");
    }

    @AfterAll
    static void stopPushgateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(5, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void eventAndCountersArePushedAndReadBack() throws Exception {
        try (HttpReporter reporter = new HttpReporter(HttpReporterConfig.builder().url(base())
                .format(HttpReporterConfig.Format.PROMETHEUS).job("zprof").instance("test-host").build())) {
            reporter.report(TestEvents.event("e1"));
            ReportEvent second = withValue(TestEvents.event("e2"), 97.25);
            assertTrue(reporter.report(second).delivered());
        }
        Map<String, String> group = Map.of("job", "zprof", "instance", "test-host", "rule", "cpu",
                "type", "trigger", "app", "checkout", "env", "prod");
        List<Sample> samples = scrape();
        assertEquals(97.25, value(samples, "zprof_event_value", group), "the group holds the latest event");
        assertEquals(40.25, value(samples, "zprof_event_average", group));
        assertEquals(2.0, value(samples, "zprof_events_total", group), "the counter counts both pushes");
        assertEquals(80.0, value(samples, "zprof_event_threshold", with(group, "threshold", "abs")));
        assertEquals(25.0, value(samples, "zprof_event_threshold", with(group, "threshold", "diff")));
        assertEquals(TestEvents.TIME.getEpochSecond(), value(samples, "zprof_event_timestamp_seconds", group));
        assertEquals(0.0, value(samples, "zprof_event_capture_failed", group));
        assertTrue(value(samples, "push_time_seconds", Map.of("job", "zprof", "instance", "test-host", "rule", "cpu")) > 0,
                "the Pushgateway recorded the push under the job/instance/rule group");
    }

    @Test
    void eachRuleKeepsItsOwnGroupAndPostWorksWithBase64Grouping() throws Exception {
        try (HttpReporter reporter = new HttpReporter(HttpReporterConfig.builder().url(base() + "/")
                .format(HttpReporterConfig.Format.PROMETHEUS).job("team/payments")
                .pushMethod(HttpReporterConfig.PushMethod.POST).build())) {
            reporter.report(TestEvents.event("c1"));
            reporter.report(withRule(TestEvents.event("m1"), "memory", 88));
        }
        List<Sample> samples = scrape();
        Map<String, String> common = Map.of("job", "team/payments", "type", "trigger", "app", "checkout", "env", "prod");
        assertEquals(91.5, value(samples, "zprof_event_value", with(common, "rule", "cpu")));
        assertEquals(88.0, value(samples, "zprof_event_value", with(common, "rule", "memory")));
    }

    private static ReportEvent withValue(ReportEvent e, double v) {
        return e.toBuilder().value(v).build();
    }

    private static ReportEvent withRule(ReportEvent e, String rule, double v) {
        return e.toBuilder().type(EventType.TRIGGER).rule(rule).value(v).build();
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new LinkedHashMap<>(m);
        out.put(k, v);
        return out;
    }

    /** One line of the exposition format. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static List<Sample> scrape() throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(base() + "/metrics").openConnection();
        String text = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LINE.matcher(line.trim());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return out;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " with " + labels + " in " + samples.stream()
                        .filter(s -> s.name().equals(name)).toList()));
    }

    private static int get(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(base() + path).openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }
}
