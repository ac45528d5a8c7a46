package io.zprof.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ZprofStatus#describe()} and {@link ZprofStatus#toJson()} answer for a rule that fired: its reason, event
 * and files; every number has its unit; counters and reporters are labelled fields.
 */
class StatusRenderingTest {
    private static final Path BUNDLE = Path.of("/var/zprof/dumps/cpu_20261207-101500_3");
    private static final Instant FIRED = Instant.parse("2026-12-07T10:15:00Z");

    private static ZprofStatus status() {
        ReportEvent event = ReportEvent.builder().eventId("cpu_20261207-101500_3").type(EventType.TRIGGER).time(FIRED)
                .rule("cpu").value(91.5).average(12.0).reason("cpu 91.5 % >= abs 80.0 %")
                .artifacts(List.of(new ArtifactRef("cpu_20261207-101500_3.jfr", "cpu", BUNDLE.resolve("cpu_20261207-101500_3.jfr"), 3 * 1024 * 1024),
                        new ArtifactRef("timeline.json", "timeline", BUNDLE.resolve("timeline.json"), 2048)))
                .build();
        List<RuleStatus> rules = List.of(
                new RuleStatus("cpu", true, 20.0, 18.0, "cooldown until 2026-12-07T10:16:00Z", 1, FIRED, event),
                new RuleStatus("mem", true, 40.0, 39.0, "not fired: 40.0 <= min 50.0", 0, null));
        List<MetricValue> metrics = List.of(
                new MetricValue(Metric.MEMORY_LIMIT_BYTES, 25276182528.0, MetricSource.CGROUP_V2,
                        "memory.max of parent cgroup /sys/fs/cgroup/pod"),
                new MetricValue(Metric.CPU_LIMIT_CORES, 0.75, MetricSource.CGROUP_V2,
                        "cpu.max of the process's own cgroup /sys/fs/cgroup/pod/ctr (CFS quota)"),
                new MetricValue(Metric.JVM_THREADS, 212, MetricSource.JVM));
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("cycles", 120L);
        counters.put("captureFailures", 0L);
        counters.put(ZprofStatus.SAMPLER_CPU_MICROS, 12_340L);
        ReporterStatus http = new ReporterStatus("http", 0, 1, 4096, 3, 0, 2, 0, 4, 1, 0, 0, 0, 0, 0, "HTTP 503",
                FIRED, FIRED, ReporterStatus.SpoolState.OK, null, 0);
        DumpDirectoryStatus dumps = new DumpDirectoryStatus(BUNDLE.getParent(), true, 0, 0, null, null,
                (long) (5.5 * 1024 * 1024 * 1024));
        return new ZprofStatus(true, 2, false, List.of(), rules, metrics, counters, List.of(http), dumps, List.of(event));
    }

    @Test
    void describeAnswersForAFiredRule() {
        String text = status().describe();
        assertTrue(text.contains("fired 1 time(s), last at 2026-12-07T10:15:00Z"), text);
        assertTrue(text.contains("last event cpu_20261207-101500_3 at 2026-12-07T10:15:00Z: cpu 91.5 % >= abs 80.0 %"), text);
        assertTrue(text.contains("files in " + BUNDLE + ":"), text);
        assertTrue(text.contains("cpu_20261207-101500_3.jfr (3.00 MiB)"), text);
        assertTrue(text.contains("dump directory: /var/zprof/dumps, usable, 5.50 GiB free"), text);
        assertTrue(text.contains("never fired"), text);
        assertFalse(text.contains("generation"), "jargon: " + text);
    }

    @Test
    void describeGivesEveryNumberItsUnitAndEveryCounterALabel() {
        String text = status().describe();
        assertTrue(text.contains("23.5 GiB"), text);
        assertFalse(text.contains("25276182528"), text);
        assertTrue(text.contains("0.75 cores"), text);
        assertTrue(text.contains("212 threads"), text);
        assertTrue(text.contains("from cgroup_v2: memory.max of parent cgroup /sys/fs/cgroup/pod"), text);
        assertTrue(text.matches("(?s).*sampling cycles +120\n.*"), text);
        assertTrue(text.contains("12.34 ms"), text);
        assertTrue(text.contains("delivered 2, skipped 0, waiting 0 in memory + 1 in the spool (4.00 KiB)"), text);
        assertTrue(text.contains("last error at 2026-12-07T10:15:00Z: HTTP 503"), text);
        assertFalse(text.contains("ReporterStatus["), "no toString(): " + text);
        assertTrue(text.contains("configuration 2 (1 update(s) applied)"), text);
    }

    @Test
    void jsonCarriesTheSameAnswersForMachines() throws Exception {
        JsonNode json = new ObjectMapper().readTree(status().toJson());
        assertEquals(2, json.get("configuration").asLong());
        JsonNode cpu = json.get("rules").get(0);
        assertEquals("cpu", cpu.get("rule").asText());
        assertEquals("cpu 91.5 % >= abs 80.0 %", cpu.get("lastEvent").get("reason").asText());
        assertEquals(BUNDLE.toString(), cpu.get("lastEvent").get("directory").asText());
        assertEquals(3 * 1024 * 1024, cpu.get("lastEvent").get("files").get(0).get("sizeBytes").asLong());
        assertTrue(json.get("rules").get(1).get("lastFired").isNull());
        JsonNode limit = json.get("metrics").get(0);
        assertEquals("memorylimitbytes", limit.get("metric").asText());
        assertEquals("bytes", limit.get("unit").asText());
        assertEquals("23.5 GiB", limit.get("display").asText());
        assertEquals("memory.max of parent cgroup /sys/fs/cgroup/pod", limit.get("origin").asText());
        assertEquals((long) (5.5 * 1024 * 1024 * 1024), json.get("dumpDirectory").get("freeBytes").asLong());
        assertEquals(120, json.get("counters").get("cycles").asLong());
        JsonNode http = json.get("reporters").get(0);
        assertEquals(2, http.get("delivered").asLong());
        assertEquals("OK", http.get("spoolState").asText());
        assertEquals("2026-12-07T10:15:00Z", http.get("lastSuccess").asText());
        assertEquals(1, json.get("recentEvents").size());
    }
}
