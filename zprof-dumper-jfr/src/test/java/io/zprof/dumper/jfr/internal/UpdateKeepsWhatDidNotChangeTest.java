package io.zprof.dumper.jfr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.ArtifactRef;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Collector;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import io.zprof.core.Zprof;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: an update rebuilds only the components whose own settings changed. A relabelling or a reporter's own
 * setting keeps the JFR pre-trigger window's history (the next capture's window file reaches back before the
 * update, read with jdk.jfr.consumer) and every reporter that did not change; a change of the window's settings
 * restarts the window and nothing else.
 */
class UpdateKeepsWhatDidNotChangeTest {
    @TempDir
    Path tmp;

    private final Tracking alpha = new Tracking("alpha");
    private final Tracking beta = new Tracking("beta");
    private final CountingCollector collector = new CountingCollector();

    @Test
    void relabellingAndAReportersOwnSettingKeepTheWindowHistoryAndTheOtherReporters() throws Exception {
        Map<String, String> props = base();
        try (Zprof zprof = start(props)) {
            Workloads.background("zprof-test-before-update", () -> Workloads.burnCpuInZprofTest(600)).join();
            Instant beforeUpdate = Instant.now();

            props.put("zprof.labels.team", "checkout");
            zprof.update(ConfigProperties.of(props));
            assertEquals(Map.of("team", "checkout"), zprof.config().labels());
            ReportEvent relabelled = capture(zprof, "after relabelling");
            assertEquals("checkout", relabelled.labels().get("team"));
            assertWindowReachesBack(relabelled, beforeUpdate);
            assertEquals(1, alpha.created.size(), "a label is in the events, not in the reporter: the same instance");
            Poll.until(() -> alpha.created.get(0).ids().equals(List.of(relabelled.eventId())), alpha.created::toString);
            assertEquals(1, beta.created.size());

            props.put("zprof.reporter.alpha.label", "v2");
            zprof.update(ConfigProperties.of(props));
            ReportEvent afterOwnSetting = capture(zprof, "after alpha's own setting");
            assertWindowReachesBack(afterOwnSetting, beforeUpdate);
            assertEquals(2, alpha.created.size(), "alpha reads its label: a new alpha");
            assertTrue(alpha.created.get(0).closed, "and the old one closed");
            assertEquals("v2", alpha.created.get(1).label);
            Poll.until(() -> alpha.created.get(1).ids().equals(List.of(afterOwnSetting.eventId())), alpha.created::toString);
            assertEquals(1, beta.created.size(), "beta did not change: the very instance");
            assertFalse(beta.created.get(0).closed);
            Poll.until(() -> beta.created.get(0).ids().equals(List.of(relabelled.eventId(), afterOwnSetting.eventId())),
                    beta.created::toString);
            assertEquals(1, collector.created, "no collector setting changed");
        }
    }

    @Test
    void aJfrSettingOtherThanTheWindowsRebuildsTheDumperAndTheWindowLivesOn() throws Exception {
        Map<String, String> props = base();
        try (Zprof zprof = start(props)) {
            Workloads.background("zprof-test-before-update", () -> Workloads.burnCpuInZprofTest(600)).join();
            Instant beforeUpdate = Instant.now();
            props.put("zprof.dump.sampleperiod", "7ms");
            zprof.update(ConfigProperties.of(props));
            assertWindowReachesBack(capture(zprof, "after the sample period"), beforeUpdate);
        }
    }

    @Test
    void changingTheWindowsSettingsRestartsOnlyTheWindow() throws Exception {
        Map<String, String> props = base();
        try (Zprof zprof = start(props)) {
            Workloads.background("zprof-test-before-update", () -> Workloads.burnCpuInZprofTest(600)).join();
            Instant beforeUpdate = Instant.now();
            props.put("zprof.dump.window.maxage", "5m");
            zprof.update(ConfigProperties.of(props));
            Workloads.background("zprof-test-after-update", () -> Workloads.burnCpuLaterInZprofTest(600)).join();
            ReportEvent e = capture(zprof, "after the window changed");
            Path window = file(e, "window");
            assertFalse(JfrFiles.methodsOnStacks(window, "jdk.ExecutionSample").contains("burnCpuInZprofTest"),
                    "a new window: nothing from before the update");
            assertTrue(JfrFiles.methodsOnStacks(window, "jdk.ExecutionSample").contains("burnCpuLaterInZprofTest"));
            assertFalse(firstSample(window).isBefore(beforeUpdate), "the window starts after the update");
            assertEquals(1, alpha.created.size(), "the reporters were kept");
            assertEquals(1, beta.created.size());
            assertEquals(1, collector.created, "and the collector");
        }
    }

    private Map<String, String> base() {
        Map<String, String> props = new HashMap<>();
        props.put("zprof.interval", "1h");
        props.put("zprof.dump.path", tmp.toString());
        props.put("zprof.dump.window.enabled", "true");
        props.put("zprof.dump.window.sampleperiod", "10ms");
        props.put("zprof.reporters", "alpha,beta");
        props.put("zprof.reporter.alpha.label", "v1");
        return props;
    }

    private Zprof start(Map<String, String> props) {
        Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).reporter(alpha).reporter(beta)
                .collector(collector).manualSampling().build();
        zprof.start();
        return zprof;
    }

    private static ReportEvent capture(Zprof zprof, String reason) throws Exception {
        ReportEvent e = zprof.capture(Set.<DumpKind>of(), reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertNull(e.error());
        return e;
    }

    private static void assertWindowReachesBack(ReportEvent e, Instant beforeUpdate) throws Exception {
        Path window = file(e, "window");
        assertTrue(JfrFiles.methodsOnStacks(window, "jdk.ExecutionSample").contains("burnCpuInZprofTest"),
                "the window still holds the burn from before the update");
        assertTrue(firstSample(window).isBefore(beforeUpdate), "its first sample is older than the update");
    }

    private static Instant firstSample(Path jfr) throws Exception {
        return JfrFiles.events(jfr).stream().filter(ev -> ev.getEventType().getName().equals("jdk.ExecutionSample"))
                .map(RecordedEvent::getStartTime).min(Instant::compareTo).orElseThrow();
    }

    private static Path file(ReportEvent e, String kind) {
        return e.artifacts().stream().filter(a -> a.kind().equals(kind) && a.name().endsWith(".jfr"))
                .map(ArtifactRef::path).findFirst().orElseThrow(() -> new AssertionError("no " + kind + " in " + e));
    }

    /** A reporter provider that keeps every reporter it made; each reads its {@code label} setting. */
    static final class Tracking implements ReporterProvider {
        final String name;
        final List<Made> created = new CopyOnWriteArrayList<>();

        Tracking(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<Set<String>> settingKeys() {
            return Optional.of(Set.of("label"));
        }

        @Override
        public Object engineSettingsRead(ZprofConfig config) {
            return List.of();
        }

        @Override
        public Reporter create(ProviderContext context) {
            Made r = new Made(context.scoped("reporter", name).get("label"));
            created.add(r);
            return r;
        }

        /** One reporter made. */
        static final class Made implements Reporter {
            final String label;
            final List<ReportEvent> events = new CopyOnWriteArrayList<>();
            volatile boolean closed;

            Made(String label) {
                this.label = label;
            }

            List<String> ids() {
                return events.stream().map(ReportEvent::eventId).toList();
            }

            @Override
            public String toString() {
                return label + (closed ? " (closed)" : "") + " got " + ids();
            }

            @Override
            public ReportOutcome report(ReportEvent event) {
                events.add(event);
                return ReportOutcome.success();
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    /** Serves the thread count, and counts the collectors it made. */
    static final class CountingCollector implements CollectorProvider {
        volatile int created;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Set<Metric> metrics() {
            return Set.of(Metric.JVM_THREADS);
        }

        @Override
        public Object engineSettingsRead(ZprofConfig config) {
            return List.of();
        }

        @Override
        public Collector create(ProviderContext context) {
            created++;
            return sink -> sink.accept(Metric.JVM_THREADS, Thread.activeCount(), io.zprof.api.model.MetricSource.JVM);
        }
    }

    /** Bounded waiting for a reporter's worker thread. */
    private static final class Poll {
        static void until(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> state)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out; " + state.get());
                }
                Thread.sleep(5);
            }
        }
    }
}
