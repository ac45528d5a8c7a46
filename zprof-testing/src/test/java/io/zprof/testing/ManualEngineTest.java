package io.zprof.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.Zprof;
import io.zprof.core.status.RuleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real engine driven by the test: cycles by sampleNow(), time by a ManualClock, events into memory. */
class ManualEngineTest {
    @TempDir
    Path tmp;

    /** Reports the thread count the test sets. */
    static final class GaugeCollectorProvider implements CollectorProvider {
        volatile double threads;

        @Override
        public String name() {
            return "gauge";
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
        public Set<Metric> metrics() {
            return Set.of(Metric.JVM_THREADS);
        }

        @Override
        public Collector create(ProviderContext context) {
            return sink -> sink.accept(Metric.JVM_THREADS, threads, MetricSource.JVM);
        }
    }

    @Test
    void cooldownFollowsTheManualClockAndEventsArriveInMemory() {
        GaugeCollectorProvider gauge = new GaugeCollectorProvider();
        InMemoryReporter reporter = new InMemoryReporter();
        ManualClock clock = new ManualClock();
        Map<String, String> settings = Map.of("zprof.warmup", "0", "zprof.dump.path", tmp.toString(),
                "zprof.reporters", InMemoryReporter.DEFAULT_NAME,
                "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "100",
                "zprof.threads.cooldown", "1m");
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(settings)).collector(gauge).reporter(reporter)
                .clock(clock).manualSampling().build()) {
            zprof.start();
            gauge.threads = 50;
            zprof.sampleNow();
            assertEquals(0, threadsRule(zprof).firedCount());
            gauge.threads = 500;
            zprof.sampleNow();
            assertEquals(1, threadsRule(zprof).firedCount());
            clock.advance(Duration.ofSeconds(59));
            zprof.sampleNow();
            assertEquals(1, threadsRule(zprof).firedCount(), "still cooling down");
            clock.advance(Duration.ofSeconds(2));
            zprof.sampleNow();
            assertEquals(2, threadsRule(zprof).firedCount(), "cooled down");
            // two capture workers: the events may arrive in either order
            List<ReportEvent> events = reporter.awaitEvents(2, Duration.ofSeconds(10)).stream()
                    .sorted(Comparator.comparing(ReportEvent::time)).toList();
            assertEquals(List.of("threads", "threads"), events.stream().map(ReportEvent::rule).toList());
            assertEquals(Duration.ofSeconds(61), Duration.between(events.get(0).time(), events.get(1).time()));
            assertEquals(500.0, events.get(1).value());
        }
    }

    private static RuleStatus threadsRule(Zprof zprof) {
        return zprof.status().rules().stream().filter(r -> r.rule().equals("threads")).findFirst().orElseThrow();
    }
}
