package io.zprof.examples.customrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.Zprof;
import io.zprof.core.status.RuleStatus;
import io.zprof.testing.InMemoryReporter;
import io.zprof.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension story end to end: this module's jar holds one rule provider class and one services line; the engine,
 * unchanged, finds the {@code spike} type, makes the rule configured under {@code zprof.rule.threadspike.*}, and
 * reports its firing. The test drives the cycles ({@code manualSampling()}), the time ({@link ManualClock}) and the
 * metric (a scripted collector) itself: no sleeps, no polling.
 */
class ThirdPartyRuleTest {
    @TempDir
    Path tmp;

    /** Reports the live thread count the test sets, in place of the JVM's own (a higher priority). */
    static final class ScriptedThreads implements CollectorProvider {
        volatile double threads;

        @Override
        public String name() {
            return "scriptedthreads";
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
    void theEngineFindsTheSpikeTypeAndItsFiringReachesTheReporter() {
        ScriptedThreads collector = new ScriptedThreads();
        InMemoryReporter reporter = new InMemoryReporter();
        ManualClock clock = new ManualClock();
        Map<String, String> settings = Map.of("zprof.warmup", "0", "zprof.dump.path", tmp.toString(),
                "zprof.reporters", InMemoryReporter.DEFAULT_NAME,
                "zprof.rule.threadspike.type", "spike",
                "zprof.rule.threadspike.metric", Metric.JVM_THREADS.key(),
                "zprof.rule.threadspike.factor", "3");
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(settings)).collector(collector)
                .reporter(reporter).clock(clock).manualSampling().build()) {
            zprof.start();
            collector.threads = 20;
            for (int i = 0; i < 4; i++) {
                assertTrue(zprof.sampleNow());
                clock.advance(Duration.ofSeconds(5));
            }
            // 59 is not more than 3 x 20: no spike
            collector.threads = 59;
            assertTrue(zprof.sampleNow());
            assertEquals(0, spikeRule(zprof).firedCount(), spikeRule(zprof).toString());
            clock.advance(Duration.ofSeconds(5));
            // 100 is, over a window whose mean is still below 33.3
            collector.threads = 100;
            assertTrue(zprof.sampleNow());
            assertEquals(1, spikeRule(zprof).firedCount(), spikeRule(zprof).toString());

            List<ReportEvent> events = reporter.awaitEvents(1, Duration.ofSeconds(10));
            ReportEvent event = events.get(0);
            assertEquals("threadspike", event.rule());
            assertEquals(100.0, event.value());
            assertEquals(Map.of("factor", 3.0), event.thresholds());
            assertTrue(event.reason().startsWith("fired: 100.0 > 3.0 x window mean"), event.reason());
        }
    }

    private static RuleStatus spikeRule(Zprof zprof) {
        return zprof.status().rules().stream().filter(r -> r.rule().equals("threadspike")).findFirst().orElseThrow();
    }
}
