package io.zprof.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.Zprof;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.ZprofStatus;
import io.zprof.testing.InMemoryReporter;
import io.zprof.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZprofMetrics against a real engine (manual sampling: the test runs each cycle) and a real Micrometer registry. */
class ZprofMetricsTest {
    /** A third party's metric, declared as a collector would. */
    static final Metric BACKLOG = Metric.custom("orders.backlog", "items", Metric.Kind.GAUGE);

    @TempDir
    Path dumps;
    private Zprof zprof;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ManualClock clock = new ManualClock();

    @AfterEach
    void stop() {
        if (zprof != null) {
            zprof.stop();
        }
    }

    private Zprof start(Map<String, String> settings, InMemoryReporter reporter) {
        Map<String, String> p = new HashMap<>(settings);
        p.put("zprof.dump.path", dumps.toString());
        Zprof.Builder b = Zprof.builder().properties(ConfigProperties.of(p)).manualSampling().clock(clock)
                .collector(new BacklogCollector());
        if (reporter != null) {
            b.reporter(reporter);
        }
        zprof = b.build();
        zprof.start();
        return zprof;
    }

    @Test
    void everySampledMetricIsAMeterWithMicrometerNameAndBaseUnit() {
        start(Map.of(), null);
        assertTrue(zprof.sampleNow());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(zprof.sampleNow()); // CPU % is derived from two samples
        new ZprofMetrics(zprof).bindTo(registry);
        ZprofStatus status = zprof.status();

        assertGauge("zprof.threads.live", "threads", value(status, Metric.JVM_THREADS));
        assertGauge("zprof.cpu.usage", "ratio", value(status, Metric.CPU_PERCENT) / 100);
        assertGauge("zprof.custom.orders.backlog", "items", 42);
        FunctionCounter cpuTime = registry.get("zprof.process.cpu.time").functionCounter();
        assertEquals("seconds", cpuTime.getId().getBaseUnit());
        assertEquals(value(status, Metric.PROCESS_CPU_NANOS) / 1e9, cpuTime.count(), 1e-9);
        for (MetricValue m : status.metrics()) {
            assertNotNull(registry.find(MetricMeterNames.of(m.metric())).meter(), "no meter for " + m.metric().key());
        }
    }

    @Test
    void readingMetersNeverRunsACycleAndOneScrapeBuildsOneStatus() {
        start(Map.of(), null);
        assertTrue(zprof.sampleNow());
        AtomicInteger built = new AtomicInteger();
        AtomicLong nanos = new AtomicLong();
        new ZprofMetrics(() -> {
            built.incrementAndGet();
            return zprof.status();
        }, Duration.ofSeconds(1), nanos::get).bindTo(registry);
        long cyclesBefore = zprof.status().counters().get("cycles");
        int builtAtBind = built.get();

        double sum = scrape() + scrape();

        assertTrue(sum > 0);
        assertEquals(builtAtBind, built.get(), "reads within the second share one status");
        assertEquals(cyclesBefore, zprof.status().counters().get("cycles"), "a read ran a sampling cycle");
        assertEquals((double) cyclesBefore, registry.get("zprof.samples").functionCounter().count());
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        scrape();
        assertEquals(builtAtBind + 1, built.get(), "a scrape after the second builds one new status");
    }

    @Test
    void countsFiringsPerRuleCapturesAndDeliveriesPerReporter() {
        InMemoryReporter reporter = new InMemoryReporter();
        start(Map.of("zprof.reporters", InMemoryReporter.DEFAULT_NAME, "zprof.warmup", "0",
                "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "2",
                "zprof.threads.dumps", ""), reporter);
        new ZprofMetrics(zprof, Duration.ZERO).bindTo(registry);
        assertEquals(0, registry.get("zprof.rules.fired").tag("rule", "threads").functionCounter().count());

        assertTrue(zprof.sampleNow());
        reporter.awaitEvents(1, Duration.ofSeconds(30));
        await(() -> zprof.status().reporters().get(0).delivered() == 1);
        scrape(); // the first read of the new status registers the reporter's meters

        assertEquals(1, registry.get("zprof.rules.fired").tag("rule", "threads").functionCounter().count());
        assertEquals(1, registry.get("zprof.reporter.delivered").tag("reporter", "inmemory").functionCounter().count());
        assertEquals(0, registry.get("zprof.reporter.dropped").tags("reporter", "inmemory", "reason", "queue.full")
                .functionCounter().count());
        assertEquals((double) zprof.status().counters().get("events"), registry.get("zprof.events").functionCounter().count());
        // failed captures in total, apart from the per-kind meters of failed dumps
        assertEquals((double) zprof.status().counters().get("captureFailures"),
                registry.get("zprof.captures.failed").functionCounter().count());
    }

    @Test
    void aStoppedEngineStillAnswersFromItsLastStatus() {
        start(Map.of(), null);
        assertTrue(zprof.sampleNow());
        new ZprofMetrics(zprof, Duration.ZERO).bindTo(registry);
        assertEquals(1, registry.get("zprof.running").gauge().value());
        zprof.stop();
        assertEquals(0, registry.get("zprof.running").gauge().value());
        assertEquals(42, registry.get("zprof.custom.orders.backlog").gauge().value());
    }

    @Test
    void namesAndUnits() {
        assertEquals(new MeterUnit("seconds", 1e-9), MeterUnit.of("ns"));
        assertEquals(MeterUnit.RATIO, MeterUnit.of("%"));
        assertEquals(MeterUnit.NONE, MeterUnit.of("°C"));
        assertEquals("zprof.collect.errors", CounterMeterName.of("collectErrors").name());
        CounterMeterName heap = CounterMeterName.of("captures.heap");
        assertEquals("zprof.captures", heap.name());
        assertEquals("heap", heap.tagValue());
        assertEquals("zprof.captures.failed", CounterMeterName.of("captureFailures").name());
        assertEquals("cpu", CounterMeterName.of("captureFailures.cpu").tagValue());
        assertNull(CounterMeterName.of("cycles").tagKey());
        assertEquals("zprof.custom.queue.depth", MetricMeterNames.of(Metric.custom("queue_depth", "items", Metric.Kind.GAUGE)));
    }

    private void assertGauge(String name, String unit, double expected) {
        Gauge g = registry.get(name).gauge();
        assertEquals(unit, g.getId().getBaseUnit(), name);
        assertEquals(expected, g.value(), 1e-12, name);
    }

    /** @return the sum of every measurement, as a scrape reads them */
    private double scrape() {
        double sum = 0;
        for (Meter m : registry.getMeters()) {
            for (Measurement x : m.measure()) {
                sum += Double.isNaN(x.getValue()) ? 0 : x.getValue();
            }
        }
        return sum;
    }

    private static double value(ZprofStatus s, Metric metric) {
        return s.metrics().stream().filter(m -> m.metric() == metric).findFirst().orElseThrow().value();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 30 s");
            Thread.onSpinWait();
        }
    }

    /** Publishes {@link #BACKLOG} = 42 every cycle. */
    static final class BacklogCollector implements CollectorProvider {
        @Override
        public String name() {
            return "backlog";
        }

        @Override
        public Set<Metric> metrics() {
            return Set.of(BACKLOG);
        }

        @Override
        public Collector create(ProviderContext context) {
            return sink -> sink.accept(BACKLOG, 42, MetricSource.JVM);
        }
    }
}
