package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.model.EventType;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.RuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules evaluated by the engine over a scripted collector, with a fake dumper; cycles driven by the test. */
class EngineRulesTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS,
            Metric.OS_THREADS, Metric.PROCESS_CPU_NANOS, Metric.CPU_LIMIT_CORES, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS, DumpKind.CPU,
            DumpKind.HEAP, DumpKind.THREADCREATE);
    private final FakeLoader loader = new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Path dumps() {
        return tmp.resolve("dumps");
    }

    private EngineHarness start(ZprofConfig cfg) {
        h = new EngineHarness(cfg, loader).start();
        return h;
    }

    private void cycle(Metric m, double v) {
        collector.set(m, v);
        h.cycle();
    }

    private MetricValue metric(Metric m) {
        return h.status().metrics().stream().filter(v -> v.metric() == m).findFirst()
                .orElseThrow(() -> new AssertionError("no " + m + " in " + h.status().metrics()));
    }

    private boolean hasMetric(Metric m) {
        return h.status().metrics().stream().anyMatch(v -> v.metric() == m);
    }

    /** JVM threads: abs 100 over min 10, 1-minute cooldown, thread dump. */
    private ZprofConfig.Builder threadsAbs() {
        return EngineHarness.config(dumps()).warmupCycles(3).windowSize(5)
                .threads(r -> r.enabled(true).min(10).abs(100).diff(0).max(0).cooldown(Duration.ofMinutes(1))
                        .dumps(DumpKind.THREADS));
    }

    @Test
    void warmUpThenAbsoluteFiresExactlyOnce() {
        start(threadsAbs().build());

        for (int i = 0; i < 3; i++) {
            cycle(Metric.JVM_THREADS, 150);
            assertEquals("warm-up: " + i + "/3 samples", h.rule("threads").reason());
        }
        assertEquals(0L, h.rule("threads").firedCount(), "warm-up samples never fire, even above abs");

        cycle(Metric.JVM_THREADS, 150);

        ReportEvent e = h.nextEvent();
        assertEquals(EventType.TRIGGER, e.type());
        assertEquals("threads", e.rule());
        assertEquals(150.0, e.value());
        assertEquals(150.0, e.average());
        assertEquals("fired: 150.0 > abs 100.0", e.reason());
        assertEquals(EngineHarness.START, e.time());
        assertEquals(Map.of("min", 10.0, "abs", 100.0, "diff", 0.0, "max", 0.0), e.thresholds());
        assertNull(e.error(), e.error());
        assertEquals(Set.of("threads", "timeline"), e.artifacts().stream().map(ArtifactRef::kind).collect(Collectors.toSet()));

        List<DumpRequest> requests = dumper.requests();
        assertEquals(1, requests.size());
        DumpRequest r = requests.get(0);
        assertEquals(DumpKind.THREADS, r.kind());
        assertEquals(e.eventId(), r.eventId());
        assertEquals("threads", r.rule());
        assertEquals("fired: 150.0 > abs 100.0", r.reason());
        assertEquals(Duration.ZERO, r.duration(), "a thread dump is not a recording");

        h.clock().advance(Duration.ofSeconds(1));
        cycle(Metric.JVM_THREADS, 150);
        assertEquals(1L, h.rule("threads").firedCount());
        Poll.until("the event counted", () -> h.counter("events") == 1);
        assertEquals(List.of(), h.pendingEvents(), "exactly one event");
    }

    @Test
    void growthFires() {
        start(EngineHarness.config(dumps()).warmupCycles(2).windowSize(3)
                .threads(r -> r.enabled(true).min(10).abs(0).diff(50).max(0).dumps(DumpKind.THREADS)).build());
        cycle(Metric.JVM_THREADS, 100);
        cycle(Metric.JVM_THREADS, 100);
        cycle(Metric.JVM_THREADS, 100);
        assertEquals("not fired: 100.0 within abs/diff (average 100.0)", h.rule("threads").reason());

        cycle(Metric.JVM_THREADS, 151);

        ReportEvent e = h.nextEvent();
        assertEquals("fired: 151.0 is 51.0% above average 100.0 > diff 50.0%", e.reason());
        assertEquals(100.0, e.average());
        assertEquals(151.0, e.value());
    }

    @Test
    void cooldownSuppressesAndShowsInStatusUntilItEnds() {
        start(threadsAbs().warmupCycles(0).build());
        cycle(Metric.JVM_THREADS, 150);
        h.nextEvent();
        Instant until = EngineHarness.START.plus(Duration.ofMinutes(1));

        h.clock().advance(Duration.ofMillis(59_999));
        cycle(Metric.JVM_THREADS, 500);
        RuleStatus s = h.rule("threads");
        assertEquals("cooldown until " + until + " (current value 500.0)", s.reason());
        assertEquals(1L, s.firedCount());
        assertEquals(EngineHarness.START, s.lastFired());

        h.clock().advance(Duration.ofMillis(1));
        cycle(Metric.JVM_THREADS, 500);
        ReportEvent second = h.nextEvent();
        assertEquals(until, second.time());
        assertEquals(2L, h.rule("threads").firedCount());
    }

    @Test
    void dryRunReportsWithoutCapturing() {
        start(threadsAbs().warmupCycles(0).dryRun(true).build());
        cycle(Metric.JVM_THREADS, 150);

        ReportEvent e = h.nextEvent();
        assertEquals(EventType.DRY_RUN, e.type());
        assertEquals("fired: 150.0 > abs 100.0", e.reason());
        assertEquals(List.of(), e.artifacts());
        assertTrue(e.error().contains("dry run"), e.error());
        assertEquals(List.of(), dumper.requests(), "no dumper is called in dry-run");
        assertFalse(Files.exists(dumps()) && dumps().toFile().list().length > 0, "no file is written");
        assertEquals(1L, h.counter("dryRunEvents"));
        assertEquals(0L, h.counter("events"));
        assertTrue(h.status().dryRun());
    }

    @Test
    void cpuPercentIsDerivedFromCpuTimeOverTheEnginesClockAndConfiguredCores() {
        start(EngineHarness.config(dumps()).resource(r -> r.cpuCores(2)).build());
        collector.set(Metric.CPU_LIMIT_CORES, 8);

        cycle(Metric.PROCESS_CPU_NANOS, 1_000_000_000L);
        assertFalse(hasMetric(Metric.CPU_PERCENT), "one CPU sample gives no rate yet");
        h.clock().advance(Duration.ofSeconds(5));
        cycle(Metric.PROCESS_CPU_NANOS, 1_000_000_000L + 2_500_000_000L);

        MetricValue cpu = metric(Metric.CPU_PERCENT);
        assertEquals(25.0, cpu.value(), 1e-9, "2.5 s of CPU over the clock's 5 s on 2 configured cores");
        assertEquals(MetricSource.DERIVED, cpu.source());
        MetricValue cores = metric(Metric.CPU_LIMIT_CORES);
        assertEquals(2.0, cores.value(), "configured cores win over the collector's 8");
        assertEquals(MetricSource.CONFIGURED, cores.source());
    }

    @Test
    void cpuPercentUsesTheCollectorsCoreLimitWhenNoneIsConfigured() {
        start(EngineHarness.config(dumps()).build());
        collector.set(Metric.CPU_LIMIT_CORES, 4, MetricSource.CGROUP_V2);
        cycle(Metric.PROCESS_CPU_NANOS, 0);
        h.clock().advance(Duration.ofMillis(50));
        cycle(Metric.PROCESS_CPU_NANOS, 40_000_000L);

        assertEquals(20.0, metric(Metric.CPU_PERCENT).value(), 1e-9, "40 ms of CPU in 50 ms on 4 cgroup cores");
        assertEquals(MetricSource.CGROUP_V2, metric(Metric.CPU_LIMIT_CORES).source());
    }

    @Test
    void cpuPercentFollowsTheEnginesClockNotTheTimeTheCycleTook() {
        start(EngineHarness.config(dumps()).build());
        collector.set(Metric.CPU_LIMIT_CORES, 1, MetricSource.CGROUP_V2);
        cycle(Metric.PROCESS_CPU_NANOS, 0);
        // the clock stands still: however long the test takes, no time has passed for the engine
        cycle(Metric.PROCESS_CPU_NANOS, 0);
        assertFalse(hasMetric(Metric.CPU_PERCENT), "no rate over no time");
        h.clock().advance(Duration.ofSeconds(10));
        cycle(Metric.PROCESS_CPU_NANOS, 1_000_000_000L);
        assertEquals(10.0, metric(Metric.CPU_PERCENT).value(), 1e-9, "1 s of CPU over the clock's 10 s on 1 core");
    }

    @Test
    void anInfiniteSampleIsRejectedCountedAndKeptOutOfTheWindow() {
        start(EngineHarness.config(dumps()).warmupCycles(0).windowSize(3)
                .threads(r -> r.enabled(true).min(10).abs(0).diff(50).max(0).cooldown(Duration.ZERO)
                        .dumps(DumpKind.THREADS)).build());
        cycle(Metric.JVM_THREADS, 100);
        cycle(Metric.JVM_THREADS, Double.POSITIVE_INFINITY);

        assertEquals(1L, h.counter("samplesRejected"));
        assertFalse(hasMetric(Metric.JVM_THREADS), "a rejected sample is missing this cycle, not Infinity");
        assertEquals("no data: no sample of this metric yet", h.rule("threads").reason());
        assertEquals(0L, h.rule("threads").firedCount());

        cycle(Metric.JVM_THREADS, 100);
        cycle(Metric.JVM_THREADS, 151);
        ReportEvent e = h.nextEvent();
        assertEquals("fired: 151.0 is 51.0% above average 100.0 > diff 50.0%", e.reason(),
                "the average is of the finite samples only");
        assertEquals(1L, h.counter("samplesRejected"));
    }

    @Test
    void memoryPercentFromRssOverLimitKeepsTheApproximationVisible() {
        start(EngineHarness.config(dumps()).memory(r -> r.enabled(true).min(10).abs(70).diff(0).dumps(DumpKind.HEAP)).build());
        collector.set(Metric.MEMORY_LIMIT_BYTES, 4 * GIB, MetricSource.JVM);
        collector.set(Metric.RSS_BYTES, 3 * GIB, MetricSource.JVM_APPROXIMATION);
        h.cycle();

        MetricValue mem = metric(Metric.MEMORY_PERCENT);
        assertEquals(75.0, mem.value(), 1e-9);
        assertEquals(MetricSource.JVM_APPROXIMATION, mem.source(), "a percentage of an approximation is an approximation");
        ReportEvent e = h.nextEvent();
        assertEquals("memory", e.rule());
        assertEquals("fired: 75.0 > abs 70.0", e.reason());
        assertEquals(DumpKind.HEAP, dumper.requests().get(0).kind());

        collector.set(Metric.RSS_BYTES, 1 * GIB, MetricSource.PROCFS);
        h.cycle();
        assertEquals(25.0, metric(Metric.MEMORY_PERCENT).value(), 1e-9);
        assertEquals(MetricSource.DERIVED, metric(Metric.MEMORY_PERCENT).source());
    }

    @Test
    void withOnlyTheJvmFallbackMemoryPercentIsMarkedAsAnApproximation() {
        h = new EngineHarness(EngineHarness.config(dumps()).build(),
                new FakeLoader().with(CollectorProvider.class, new io.zprof.core.internal.jvm.JvmCollectorProvider())).start();
        h.cycle();
        h.clock().advance(Duration.ofSeconds(1));
        h.cycle();
        MetricValue mem = metric(Metric.MEMORY_PERCENT);
        assertEquals(MetricSource.JVM_APPROXIMATION, mem.source());
        assertTrue(mem.value() > 0 && mem.value() < 100, "RSS stand-in over physical memory: " + mem.value());
        assertEquals(MetricSource.JVM_APPROXIMATION, metric(Metric.RSS_BYTES).source());
        assertTrue(metric(Metric.CPU_PERCENT).value() >= 0, "a rate after the second cycle");
    }

    @Test
    void configuredMemoryLimitWinsOverTheCollectors() {
        start(EngineHarness.config(dumps()).resource(r -> r.memoryLimitBytes(2 * GIB)).build());
        collector.set(Metric.MEMORY_LIMIT_BYTES, 64 * GIB, MetricSource.HOST);
        collector.set(Metric.RSS_BYTES, 1 * GIB, MetricSource.PROCFS);
        h.cycle();
        assertEquals(50.0, metric(Metric.MEMORY_PERCENT).value(), 1e-9);
        assertEquals(MetricSource.CONFIGURED, metric(Metric.MEMORY_LIMIT_BYTES).source());
    }

    @Test
    void osThreadsRuleFiresOnTheNativeThreadCount() {
        start(EngineHarness.config(dumps())
                .osThreads(r -> r.enabled(true).min(10).abs(300).diff(0).dumps(DumpKind.THREADCREATE)).build());
        cycle(Metric.OS_THREADS, 299);
        assertEquals("not fired: 299.0 within abs/diff (average n/a)", h.rule("osthreads").reason());
        cycle(Metric.OS_THREADS, 301);
        ReportEvent e = h.nextEvent();
        assertEquals("osthreads", e.rule());
        DumpRequest r = dumper.requests().get(0);
        assertEquals(DumpKind.THREADCREATE, r.kind());
        assertEquals(ZprofConfig.defaults().dump().threadCreateDuration(), r.duration());
    }

    @Test
    void disabledRulesAreNeverEvaluated() {
        start(EngineHarness.config(dumps()).build());
        cycle(Metric.JVM_THREADS, 1_000_000);
        for (RuleStatus s : h.status().rules()) {
            assertFalse(s.enabled(), s.rule());
            assertEquals("disabled", s.reason(), s.rule());
        }
        assertEquals(List.of(), dumper.requests());
    }

    private void assertThrowingListenerIsContained(Runnable failure) {
        start(threadsAbs().warmupCycles(0).threads(r -> r.cooldown(Duration.ZERO)).build());
        List<ReportEvent> seenAfter = new CopyOnWriteArrayList<>();
        h.engine().addListener(e -> failure.run());
        h.engine().addListener(seenAfter::add);

        cycle(Metric.JVM_THREADS, 150);
        h.nextEvent();
        Poll.until("the next listener still called", () -> seenAfter.size() == 1);
        assertEquals(1L, h.counter("listenerErrors"));

        cycle(Metric.JVM_THREADS, 150);
        h.nextEvent();
        Poll.until("the capture thread survived", () -> seenAfter.size() == 2);
        assertEquals(2L, h.counter("listenerErrors"));
        assertEquals(2L, h.counter("cycles"));
    }

    @Test
    void listenerExceptionsAreCountedNotPropagated() {
        assertThrowingListenerIsContained(() -> {
            throw new IllegalStateException("listener bug");
        });
    }

    @Test
    void listenerErrorsAreCountedNotPropagated() {
        assertThrowingListenerIsContained(() -> {
            throw new StackOverflowError("listener recursing");
        });
    }

    /** A collector of OS threads whose every collect() runs {@code body} (which throws, or blocks). */
    private static CollectorProvider collectorRunning(Runnable body) {
        return new CollectorProvider() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Set<Metric> metrics() {
                return Set.of(Metric.OS_THREADS);
            }

            @Override
            public int priority() {
                return 10;
            }

            @Override
            public Collector create(ProviderContext context) {
                return sink -> body.run();
            }
        };
    }

    private void assertFailingCollectorIsContained(Runnable failure) {
        h = new EngineHarness(EngineHarness.config(dumps()).build(),
                new FakeLoader().with(CollectorProvider.class, collectorRunning(failure), collector)).start();
        collector.set(Metric.JVM_THREADS, 42).set(Metric.OS_THREADS, 43);
        h.cycle();
        h.cycle();
        assertEquals(2L, h.counter("collectErrors"));
        assertEquals(2L, h.counter("cycles"));
        assertEquals(42.0, metric(Metric.JVM_THREADS).value());
        assertFalse(hasMetric(Metric.OS_THREADS), "OS threads belong to the failing collector, not to the scripted one");
    }

    @Test
    void aFailingCollectorIsCountedAndTheOthersStillReport() {
        assertFailingCollectorIsContained(() -> {
            throw new IllegalStateException("procfs vanished");
        });
    }

    @Test
    void aCollectorThrowingAnErrorIsContainedAsAnExceptionIs() {
        assertFailingCollectorIsContained(() -> {
            throw new StackOverflowError("a plugin recursing without end");
        });
    }

    @Test
    void aCycleFromTheApplicationGivesUpWhileACollectorIsStuck() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        h = new EngineHarness(EngineHarness.config(dumps()).build(), new FakeLoader().with(CollectorProvider.class,
                collectorRunning(() -> {
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }), collector)).start();
        Thread sampler = new Thread(h::cycle, "stands-in-for-the-sampler");
        sampler.start();
        try {
            assertTrue(stuck.await(10, TimeUnit.SECONDS), "the first cycle reached the collector");
            assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> h.engine().tryCycle(100)),
                    "a cycle from an application's thread returns instead of waiting for the stuck one");
        } finally {
            release.countDown();
            sampler.join();
        }
        assertTrue(h.engine().tryCycle(100), "once the collector returns, cycles run again");
        h.engine().stop();
        assertFalse(h.engine().tryCycle(100), "no cycle runs while stopped");
    }

    @Test
    void valuesForMetricsAProviderLostAreIgnored() {
        ScriptedCollectorProvider better = new ScriptedCollectorProvider("better", 100, Metric.JVM_THREADS)
                .set(Metric.JVM_THREADS, 7, MetricSource.JVM);
        h = new EngineHarness(EngineHarness.config(dumps()).build(),
                new FakeLoader().with(CollectorProvider.class, collector, better)).start();
        collector.set(Metric.JVM_THREADS, 999);
        h.cycle();
        assertEquals(7.0, metric(Metric.JVM_THREADS).value());
        assertEquals(MetricSource.JVM, metric(Metric.JVM_THREADS).source());
    }
}
