package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.RuleStatus;
import io.zprof.core.status.ZprofStatus;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine fills the status a person needs after a firing: the event, its files, origins and per-kind counters. */
class FiredRuleStatusTest {
    private static final String LIMIT_ORIGIN = "memory.max of parent cgroup /sys/fs/cgroup/pod";

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0,
            Metric.JVM_THREADS, Metric.MEMORY_LIMIT_BYTES);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private void start() {
        Map<String, String> props = Map.of("zprof.interval", "1h", "zprof.warmup", "0",
                "zprof.dump.path", tmp.resolve("dumps").toString(), "zprof.threads.enabled", "true",
                "zprof.threads.min", "1", "zprof.threads.abs", "100", "zprof.threads.dumps", "threads");
        h = new EngineHarness(ConfigBinder.bind(ConfigProperties.of(props)),
                new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper));
        h.start();
    }

    @Test
    void aFiredRuleShowsItsLastEventWithItsFilesAndDirectory() throws Exception {
        collector.set(Metric.JVM_THREADS, 50, MetricSource.JVM);
        start();
        h.cycle();
        assertNull(h.rule("threads").lastEvent(), "no event before the rule fires");

        collector.set(Metric.JVM_THREADS, 150, MetricSource.JVM);
        h.cycle();
        ReportEvent event = h.nextEvent();

        ZprofStatus status = h.status();
        RuleStatus threads = h.rule("threads");
        assertNotNull(threads.lastEvent(), status.describe());
        assertEquals(event.eventId(), threads.lastEvent().eventId());
        assertEquals(event.reason(), threads.lastEvent().reason());
        Path bundle = event.artifacts().get(0).path().getParent();
        String text = status.describe();
        assertTrue(text.contains("last event " + event.eventId()), text);
        assertTrue(text.contains("files in " + bundle + ":"), text);
        assertTrue(text.contains(event.artifacts().get(0).name()), text);

        JsonNode json = new ObjectMapper().readTree(status.toJson());
        JsonNode rule = null;
        for (JsonNode r : json.get("rules")) {
            rule = "threads".equals(r.get("rule").asText()) ? r : rule;
        }
        assertNotNull(rule, json.toString());
        assertEquals(bundle.toString(), rule.get("lastEvent").get("directory").asText());
        assertTrue(json.get("dumpDirectory").get("freeBytes").asLong() > 0, json.toString());
    }

    @Test
    void eachMetricCarriesTheOriginItsCollectorGives() {
        collector.set(Metric.MEMORY_LIMIT_BYTES, 2L << 30, MetricSource.CGROUP_V2).origin(Metric.MEMORY_LIMIT_BYTES,
                LIMIT_ORIGIN);
        collector.set(Metric.JVM_THREADS, 50, MetricSource.JVM);
        start();
        h.cycle();
        MetricValue limit = h.status().metrics().stream().filter(m -> m.metric() == Metric.MEMORY_LIMIT_BYTES)
                .findFirst().orElseThrow();
        assertEquals(LIMIT_ORIGIN, limit.origin());
        assertEquals("2.00 GiB", limit.display());
        MetricValue threads = h.status().metrics().stream().filter(m -> m.metric() == Metric.JVM_THREADS)
                .findFirst().orElseThrow();
        assertNull(threads.origin());
    }

    @Test
    void capturesAndFailuresAreCountedPerKind() {
        collector.set(Metric.JVM_THREADS, 150, MetricSource.JVM);
        start();
        h.cycle();
        h.nextEvent();
        assertEquals(1, h.counter("captures.threads"));
        assertEquals(0, h.status().counters().getOrDefault("captureFailures.threads", 0L));
    }
}
