package io.zprof.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.core.fixtures.MutableClock;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.fixtures.ZprofThreads;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider instances handed to the builder, and cycles driven by the caller with no sampler thread. */
class ZprofBuilderTest {
    @TempDir
    Path tmp;

    private Map<String, String> props(String... more) {
        java.util.HashMap<String, String> p = new java.util.HashMap<>(Map.of(
                "zprof.warmup", "0", "zprof.interval", "1s", "zprof.dump.path", tmp.resolve("dumps").toString()));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void manualSamplingRunsCyclesOnTheCallersThreadOnlyAndStartsNoSamplerThread() {
        ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 500, Metric.JVM_THREADS)
                .set(Metric.JVM_THREADS, 3);
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props())).collector(collector)
                .manualSampling().build()) {
            zprof.start();
            assertTrue(ZprofThreads.alive().stream().noneMatch(t -> t.getName().startsWith("zprof-sampler")),
                    "no sampler thread: " + ZprofThreads.alive());
            assertEquals(0, zprof.status().counters().get("cycles"));
            assertTrue(zprof.sampleNow());
            assertTrue(zprof.sampleNow());
            assertEquals(2, zprof.status().counters().get("cycles"));
            assertEquals(2, collector.collects());
            assertSame(Thread.currentThread(), collector.lastCollectThread());
        }
    }

    @Test
    void aRegisteredCollectorIsSelectedByPriorityBesideTheDiscoveredOne() {
        ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 500, Metric.JVM_THREADS)
                .set(Metric.JVM_THREADS, 3);
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props())).provider(collector)
                .manualSampling().build()) {
            zprof.start();
            zprof.sampleNow();
            List<ProviderStatus> providers = zprof.status().providers();
            ProviderStatus scripted = providers.stream().filter(p -> p.name().equals("scripted")).findFirst().orElseThrow();
            assertEquals(ProviderState.SELECTED, scripted.state(), providers.toString());
            assertEquals(List.of(Metric.JVM_THREADS.key()), scripted.selectedFor());
            // the discovered JVM collector still serves the rest
            assertTrue(providers.stream().anyMatch(p -> p.name().equals("jvm") && p.state() == ProviderState.SELECTED),
                    providers.toString());
            assertEquals(3.0, zprof.status().metrics().stream().filter(m -> m.metric() == Metric.JVM_THREADS)
                    .findFirst().orElseThrow().value());
        }
    }

    @Test
    void aRegisteredReporterNamedInTheSettingsReceivesEventsOfCyclesAtTheInjectedClocksTime() throws Exception {
        LinkedBlockingQueue<ReportEvent> delivered = new LinkedBlockingQueue<>();
        ReporterProvider recording = new ReporterProvider() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Reporter create(ProviderContext context) {
                return e -> {
                    delivered.add(e);
                    return ReportOutcome.success();
                };
            }
        };
        // near the real time: delivery drops events older than zprof.report.retry.maxage by the real clock
        MutableClock clock = new MutableClock(Instant.now().minusSeconds(3600));
        ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 500, Metric.JVM_THREADS)
                .set(Metric.JVM_THREADS, 500);
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props("zprof.reporters", "recording",
                        "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "100")))
                .reporter(recording).collector(collector).clock(clock).manualSampling().build()) {
            zprof.start();
            zprof.sampleNow();
            // awaited, not polled: the report arrives on the reporter's own worker
            ReportEvent e = delivered.poll(10, TimeUnit.SECONDS);
            assertEquals("threads", e == null ? null : e.rule(), () -> zprof.status().describe());
            assertEquals(clock.instant(), e.time());
        }
    }

    @Test
    void aRegisteredProviderNamedLikeADiscoveredOneWithTheSamePriorityIsRefused() {
        ScriptedCollectorProvider impostor = new ScriptedCollectorProvider("jvm", ComponentProvider.PRIORITY_FALLBACK,
                Metric.JVM_THREADS);
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props())).collector(impostor)
                .manualSampling().build()) {
            ConfigurationException e = assertThrows(ConfigurationException.class, zprof::start);
            assertTrue(e.getMessage().contains("named 'jvm'"), e.getMessage());
            assertFalse(zprof.isRunning());
        }
    }

    @Test
    void withoutManualSamplingTheSamplerThreadRuns() {
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props())).build()) {
            zprof.start();
            assertTrue(ZprofThreads.alive().stream().anyMatch(t -> t.getName().startsWith("zprof-sampler")),
                    "sampler thread: " + ZprofThreads.alive());
        }
        ZprofThreads.awaitNone();
    }
}
