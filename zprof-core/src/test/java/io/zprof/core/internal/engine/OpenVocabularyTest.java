package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.model.ArtifactRef;
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
import io.zprof.core.status.MetricValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A third party's metric and dump kind travel through the real engine like the built-in ones. */
class OpenVocabularyTest {
    private static final Metric POOL_ACTIVE = Metric.custom("pool.active", "connections", Metric.Kind.GAUGE);
    private static final DumpKind POOL_STATE = DumpKind.custom("poolstate");

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("pool", 0, Metric.JVM_THREADS,
            POOL_ACTIVE);
    private final FakeDumperProvider dumper = new FakeDumperProvider("poolstate", 0, DumpKind.THREADS, POOL_STATE);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private void start() {
        h = new EngineHarness(EngineHarness.config(tmp.resolve("dumps"))
                .threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ZERO)
                        .dumps(DumpKind.THREADS, POOL_STATE)).build(),
                new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper));
        h.start();
    }

    @Test
    void aCollectorsOwnMetricShowsInStatus() {
        start();
        collector.set(POOL_ACTIVE, 7, MetricSource.JVM).set(Metric.JVM_THREADS, 10);
        h.cycle();

        MetricValue v = h.status().metrics().stream().filter(m -> m.metric() == POOL_ACTIVE).findFirst()
                .orElseThrow(() -> new AssertionError("pool.active not in status:\n" + h.status().describe()));
        assertEquals(7.0, v.value());
        assertEquals(MetricSource.JVM, v.source());
        assertTrue(h.status().describe().contains("pool.active"), h.status().describe());
    }

    @Test
    void aCollectorsOwnMetricIsInTheTimelineAndTheEventNamesTheWatchedMetric() throws IOException {
        start();
        collector.set(Metric.JVM_THREADS, 10);
        for (double active : new double[] {3, 5}) {
            collector.set(POOL_ACTIVE, active, MetricSource.JVM);
            h.cycle();
            h.clock().advance(Duration.ofSeconds(5));
        }
        collector.set(Metric.JVM_THREADS, 150).set(POOL_ACTIVE, 8, MetricSource.JVM);
        h.cycle();
        ReportEvent e = h.nextEvent();

        assertEquals("jvmthreads", e.metric());
        Path timeline = e.artifacts().stream().filter(a -> a.kind().equals("timeline")).findFirst().orElseThrow().path();
        JsonNode root = new ObjectMapper().readTree(Files.readString(timeline, StandardCharsets.UTF_8));
        JsonNode pool = null;
        for (JsonNode s : root.get("metrics")) {
            if (s.get("metric").asText().equals("pool.active")) {
                pool = s;
            }
        }
        assertTrue(pool != null, root.toPrettyString());
        assertEquals("connections", pool.get("unit").asText());
        List<Double> values = new ArrayList<>();
        pool.get("samples").forEach(s -> values.add(s.get("value").asDouble()));
        assertEquals(List.of(3.0, 5.0, 8.0), values);
    }

    @Test
    void aDumpersOwnKindWritesItsFileIntoTheEventsBundle() throws IOException {
        start();
        collector.set(Metric.JVM_THREADS, 150);
        h.cycle();
        ReportEvent e = h.nextEvent();

        ArtifactRef state = e.artifacts().stream().filter(a -> a.kind().equals("poolstate")).findFirst()
                .orElseThrow(() -> new AssertionError("no poolstate artifact: " + e.artifacts() + " " + e.error()));
        assertTrue(state.name().startsWith("poolstate_"), state.name());
        assertEquals("fake poolstate capture of event " + e.eventId() + "\n", Files.readString(state.path()));
        assertEquals(List.of("threads", "poolstate", "timeline"), e.artifacts().stream().map(ArtifactRef::kind).toList());
    }
}
