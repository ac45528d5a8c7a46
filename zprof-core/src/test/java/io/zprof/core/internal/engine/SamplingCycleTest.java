package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.core.fixtures.MutableClock;
import io.zprof.core.internal.dump.DumpDirectoryHealth;
import io.zprof.core.internal.engine.EngineCounters.Counter;
import io.zprof.core.status.MetricValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One sampling cycle: collect, derive, record; a collector that fails loses its metrics, not the cycle. */
class SamplingCycleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
    private final EngineCounters counters = new EngineCounters();
    private final SamplingCycle cycle = new SamplingCycle(clock, counters, new EventIds());

    private Generation generation(List<CollectorBinding> collectors, ZprofConfig cfg) {
        Components comps = new Components(collectors, Map.of(), Delivery.NONE, null, List.of(), List.of(), List.of(),
                false, List.of());
        return new Generation(1, cfg, ConfigProperties.empty(), comps);
    }

    @Test
    void aCycleCollectsDerivesRecordsAndCounts() {
        ZprofConfig cfg = ZprofConfig.builder().resource(r -> r.memoryLimitBytes(1000)).build();
        CollectorBinding rss = new CollectorBinding("fake", sink -> sink.accept(Metric.RSS_BYTES, 250, MetricSource.PROCFS),
                Set.of(Metric.RSS_BYTES));
        cycle.start(cfg);
        Generation g = generation(List.of(rss), cfg);
        Capturer capturer = new Capturer(new EventPublisher(counters, () -> null), counters, clock, new DumpDirectoryHealth(clock));
        try {
            cycle.run(g, capturer, null);
            clock.advance(Duration.ofSeconds(1));
            cycle.run(g, capturer, null);
        } finally {
            capturer.shutdown();
        }
        assertEquals(2, counters.get(Counter.CYCLES));
        List<MetricValue> values = cycle.metricValues(null, false);
        assertEquals(25.0, values.stream().filter(v -> v.metric() == Metric.MEMORY_PERCENT).findFirst().orElseThrow()
                .value(), 1e-9, "derived from the sample and the configured limit");
        assertEquals(2, cycle.history().snapshot().stream().filter(s -> s.metric() == Metric.RSS_BYTES).findFirst()
                .orElseThrow().points().size(), "both cycles recorded");
    }

    @Test
    void aCollectorThatThrowsIsCountedAndTheOthersStillCollect() {
        ZprofConfig cfg = ZprofConfig.defaults();
        CollectorBinding broken = new CollectorBinding("broken", sink -> {
            throw new StackOverflowError("plugin bug");
        }, Set.of(Metric.OS_THREADS));
        CollectorBinding threads = new CollectorBinding("threads", sink -> sink.accept(Metric.JVM_THREADS, 12,
                MetricSource.JVM), Set.of(Metric.JVM_THREADS));
        cycle.start(cfg);
        Capturer capturer = new Capturer(new EventPublisher(counters, () -> null), counters, clock, new DumpDirectoryHealth(clock));
        try {
            cycle.run(generation(List.of(broken, threads), cfg), capturer, null);
        } finally {
            capturer.shutdown();
        }
        assertEquals(1, counters.get(Counter.COLLECT_ERRORS));
        assertEquals(List.of(Metric.JVM_THREADS), cycle.metricValues(null, false).stream().map(MetricValue::metric).toList());
    }
}
