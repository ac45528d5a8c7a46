package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.GcMonitorMode;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.Metric;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.model.ReportOutcome;
import io.zprof.api.port.Reporter;
import io.zprof.api.spi.ProviderContext;
import io.zprof.api.spi.ReporterProvider;
import java.util.concurrent.atomic.AtomicInteger;
import io.zprof.core.Zprof;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.Poll;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.fixtures.ZprofThreads;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start/stop are idempotent and thread-safe, stop is prompt and leaves no thread, threads are zprof daemons. */
class EngineLifecycleTest {
    /**
     * How long stop() may take while a capture runs. The engine's stop budget is 800 ms, and the capture alone would
     * hold stop() for minutes; the rest is margin for a loaded CI machine, not a performance claim.
     */
    private static final long STOP_BOUND_MILLIS = 5000;

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS)
            .set(Metric.JVM_THREADS, 10);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS);
    private final FakeLoader loader = new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper);

    @AfterEach
    void noZprofThreadOutlivesATest() {
        ZprofThreads.awaitNone();
    }

    private ZprofConfig.Builder config() {
        return EngineHarness.config(tmp.resolve("dumps"));
    }

    /** The JVM-threads rule fires at every cycle whose value is above 100. */
    private ZprofConfig.Builder firing() {
        return config().threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ZERO)
                .dumps(DumpKind.THREADS));
    }

    @Test
    void startAndStopAreIdempotent() {
        try (EngineHarness h = EngineHarness.withSampler(config().build(), loader)) {
            Engine e = h.engine();
            assertFalse(e.isRunning());
            e.stop();
            e.start();
            e.start();
            assertTrue(e.isRunning());
            assertEquals(1, collector.created(), "a second start() builds nothing");
            h.runSamplerUntil("sampling", () -> h.counter("cycles") >= 2);
            assertEquals(1, ZprofThreads.alive().stream().filter(t -> t.getName().startsWith("zprof-sampler-")).count());

            e.stop();
            e.stop();
            assertFalse(e.isRunning());
            assertEquals(1, collector.closed(), "stop() closes the components once");
            assertFalse(h.status().running());

            e.start();
            assertTrue(e.isRunning(), "an engine can be started again");
            long before = h.counter("cycles");
            h.runSamplerUntil("sampling after a restart", () -> h.counter("cycles") > before);
        }
        assertEquals(collector.created(), collector.closed(), "every collector created was closed");
    }

    @Test
    void cycleOnAStoppedEngineDoesNothing() {
        try (EngineHarness h = new EngineHarness(config().build(), loader)) {
            h.cycle();
            assertEquals(0, collector.collects());
            assertEquals(0L, h.counter("cycles"));
        }
    }

    @Test
    void concurrentStartAndStopFromManyThreads() throws Exception {
        int threads = 8;
        int rounds = 100;
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        try (EngineHarness h = EngineHarness.withSampler(config().collectInterval(Duration.ofMillis(10)).build(), loader)) {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            AtomicBoolean done = new AtomicBoolean();
            Thread cycler = new Thread(() -> {
                try {
                    while (!done.get()) {
                        h.cycle();
                        // and the sampler threads of the engine's starts run scheduled cycles alongside
                        h.clock().advance(Duration.ofMillis(10));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "lifecycle-test-cycler");
            cycler.start();
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(() -> {
                    try {
                        barrier.await(10, TimeUnit.SECONDS);
                        for (int r = 0; r < rounds; r++) {
                            if (ThreadLocalRandom.current().nextBoolean()) {
                                h.engine().start();
                            } else {
                                h.engine().stop();
                            }
                            h.status();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "lifecycle-test-" + i);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertFalse(t.isAlive(), t.getName() + " is stuck");
            }
            done.set(true);
            cycler.join(TimeUnit.SECONDS.toMillis(30));
            assertEquals(List.of(), new ArrayList<>(errors));
            assertEquals(0, collector.usedAfterClose(), "a cycle never collects through a collector stop() closed");

            h.engine().start();
            assertTrue(h.engine().isRunning());
            Poll.until("one sampler left", () -> ZprofThreads.alive().stream()
                    .filter(t -> t.getName().startsWith("zprof-sampler-")).count() == 1);
            h.engine().stop();
            assertFalse(h.engine().isRunning());
        }
        ZprofThreads.awaitNone();
        assertEquals(collector.created(), collector.closed(), "every collector created was closed exactly once");
    }

    @Test
    void stopIsPromptWhileACaptureIsRunningAndLeavesNoThread() throws Exception {
        CountDownLatch inDump = new CountDownLatch(1);
        dumper.behaviour(r -> {
            inDump.countDown();
            // like a JFR recording of the configured duration: waits, but honours interruption
            FakeDumperProvider.await(new CountDownLatch(1), Duration.ofMinutes(10));
            return DumpOutcome.done();
        });
        collector.set(Metric.JVM_THREADS, 500);
        ZprofConfig cfg = firing().gcHeap(g -> g.enabled(true).mode(GcMonitorMode.POLL).triggerRatio(0.99)).build();
        try (EngineHarness h = EngineHarness.withSampler(cfg, loader).start()) {
            h.runSamplerUntil("a capture started by a scheduled cycle", () -> inDump.getCount() == 0);

            long t0 = System.nanoTime();
            h.engine().stop();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertTrue(tookMillis < STOP_BOUND_MILLIS, "stop() took " + tookMillis + " ms");
            assertFalse(h.engine().isRunning());
        }
        ZprofThreads.awaitNone();
    }

    @Test
    void stopIsPromptEvenWhenADumperIgnoresInterruption() throws Exception {
        CountDownLatch inDump = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(FakeDumperProvider.ignoringInterruptionUntil(inDump, release, r2 -> DumpOutcome.done()));
        collector.set(Metric.JVM_THREADS, 500);
        try (EngineHarness h = new EngineHarness(firing().build(), loader).start()) {
            h.cycle();
            assertTrue(inDump.await(10, TimeUnit.SECONDS));
            long t0 = System.nanoTime();
            h.engine().stop();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(tookMillis < STOP_BOUND_MILLIS, "stop() took " + tookMillis + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void everyThreadTheEngineStartsIsAZprofDaemon() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        CountDownLatch inDump = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(r -> {
            inDump.countDown();
            FakeDumperProvider.await(release, Duration.ofSeconds(10));
            return FakeDumperProvider.writeSmallFile(r);
        });
        collector.set(Metric.JVM_THREADS, 500);
        ZprofConfig cfg = firing().gcHeap(g -> g.enabled(true).mode(GcMonitorMode.POLL).triggerRatio(0.99)).build();
        try (EngineHarness h = EngineHarness.withSampler(cfg, loader).start()) {
            h.runSamplerUntil("a capture started", () -> inDump.getCount() == 0);
            h.runSamplerUntil("sampling", () -> h.counter("cycles") >= 3);
            assertTrue(collector.lastCollectThread().getName().startsWith("zprof-sampler-"),
                    "sampling runs on the engine's thread: " + collector.lastCollectThread().getName());

            Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
            started.removeAll(before);
            started.removeIf(t -> !t.isAlive());
            assertFalse(started.isEmpty());
            for (Thread t : started) {
                assertTrue(t.getName().startsWith("zprof-"), "thread started while zprof runs: " + t.getName());
            }
            for (Thread t : ZprofThreads.alive()) {
                assertTrue(t.isDaemon(), t.getName() + " must be a daemon");
            }
            release.countDown();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aCollectorThatHangsBlocksNeitherStatusNorUpdateNorStop() throws Exception {
        CountDownLatch inCollect = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedCollectorProvider hanging = new ScriptedCollectorProvider("hanging", 0, Metric.JVM_THREADS) {
            @Override
            public io.zprof.api.port.Collector create(io.zprof.api.spi.ProviderContext context) {
                return sink -> {
                    inCollect.countDown();
                    // deaf to interrupts, like a plugin stuck in native code
                    while (release.getCount() > 0) {
                        try {
                            release.await();
                        } catch (InterruptedException ignored) {
                            // keep hanging
                        }
                    }
                };
            }
        };
        FakeLoader hangingLoader = new FakeLoader().with(CollectorProvider.class, hanging).with(DumperProvider.class, dumper);
        try (EngineHarness h = EngineHarness.withSampler(config().collectInterval(Duration.ofMillis(20)).build(), hangingLoader)) {
            h.engine().start();
            h.runSamplerUntil("a scheduled cycle entered the collector", () -> inCollect.getCount() == 0);

            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertTrue(h.engine().status().running()),
                    "status() answers while a cycle hangs");
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                    IllegalStateException.class, () -> h.engine().update(config().collectInterval(Duration.ofSeconds(1)).build(),
                            ConfigProperties.empty())));
            assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
            assertEquals(Duration.ofMillis(20), h.engine().config().collectInterval(), "the failed update changed nothing");

            assertTimeoutPreemptively(Duration.ofMillis(1500), () -> h.engine().stop(), "stop() returns although a cycle hangs");
            assertFalse(h.engine().isRunning());
        } finally {
            release.countDown();
        }
    }

    @Test
    void theSamplerRunsACycleWheneverTheEnginesClockHasMovedByTheInterval() {
        // an hour-long interval: a sampler that measured it on the system's time would not run within the test
        try (EngineHarness h = EngineHarness.withSampler(config().build(), loader).start()) {
            for (int n = 1; n <= 10; n++) {
                h.clock().advance(Duration.ofHours(1));
                long expected = n;
                Poll.until("scheduled cycle " + n, () -> h.counter("cycles") == expected);
            }
            assertEquals(10, collector.collects());
            assertTrue(collector.lastCollectThread().getName().startsWith("zprof-sampler-"),
                    collector.lastCollectThread().getName());
        }
    }

    @Test
    void statusReportsTheCpuTheSamplerThreadHasUsedAndItsTotalAfterStop() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadCpuTimeSupported() && mx.isThreadCpuTimeEnabled(),
                "SKIPPED LOUDLY: this JVM does not measure thread CPU time, so there is no sampler CPU to report");
        EngineHarness h = EngineHarness.withSampler(config().build(), loader);
        assertFalse(h.engine().status().counters().containsKey("samplerCpuMicros"), "no sampler before the first start");
        h.start();
        long whileRunning;
        try {
            h.runSamplerUntil("twenty cycles", () -> h.counter("cycles") >= 20);
            Thread sampler = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("zprof-sampler")).findFirst().orElseThrow();
            long before = mx.getThreadCpuTime(sampler.getId()) / 1000;
            long reported = h.counter("samplerCpuMicros");
            long after = mx.getThreadCpuTime(sampler.getId()) / 1000;
            assertTrue(before > 0, "the sampler thread has run twenty cycles");
            assertTrue(before <= reported && reported <= after,
                    "the counter is the sampler thread's own CPU time: " + before + " <= " + reported + " <= " + after);
            whileRunning = after;
        } finally {
            h.close();
        }
        long total = h.counter("samplerCpuMicros");
        assertTrue(total >= whileRunning, "after stop the thread's total stays: " + total + " >= " + whileRunning);
        assertEquals(total, h.counter("samplerCpuMicros"), "and no longer moves");
    }

    @Test
    void zprofIsAutoCloseable() {
        Zprof z;
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.interval", "20ms",
                "zprof.dump.path", tmp.resolve("dumps").toString()))).build()) {
            z = zprof;
            zprof.start();
            assertTrue(zprof.isRunning());
            Poll.until("sampling", () -> zprof.status().counters().get("cycles") >= 2);
            assertTrue(zprof.status().providers().stream().anyMatch(p -> p.name().equals("jvm")),
                    "the real ServiceLoader path found the JVM collector");
        }
        assertFalse(z.isRunning());
        assertFalse(z.status().running());
        ZprofThreads.awaitNone();
    }

    /** A reporter in this JVM: records what it receives; its close() can block until the test lets it go. */
    private static final class InProcessReporter implements ReporterProvider, Reporter {
        final CountDownLatch release;
        final AtomicInteger closes = new AtomicInteger();
        final List<io.zprof.api.model.ReportEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** @param closeHangs whether close() blocks, as one stuck on a dead socket does */
        InProcessReporter(boolean closeHangs) {
            release = new CountDownLatch(closeHangs ? 1 : 0);
        }

        @Override
        public String name() {
            return "inprocess";
        }

        @Override
        public Reporter create(ProviderContext context) {
            return this;
        }

        @Override
        public ReportOutcome report(io.zprof.api.model.ReportEvent event) throws java.io.IOException {
            if (closes.get() > 0) {
                // as a real reporter: closed, it sends nothing more
                throw new io.zprof.api.port.ReportException("closed", true, null);
            }
            received.add(event);
            return ReportOutcome.success();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private FakeLoader loaderWith(InProcessReporter reporter) {
        return new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper)
                .with(ReporterProvider.class, reporter);
    }

    @Test
    void aCaptureOutlivingStopStillDeliversItsEventAndQueuedOnesAreReportedAsNotCaptured() throws Exception {
        CountDownLatch inDump = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(r -> {
            // like a heap dump, which cannot stop midway: it finishes, and leaves stop()'s interrupt set
            inDump.countDown();
            awaitIgnoringInterrupts(release);
            return FakeDumperProvider.writeSmallFile(r);
        });
        collector.set(Metric.JVM_THREADS, 500);
        InProcessReporter reporter = new InProcessReporter(false);
        // the harness's clock stands in January 2026: events that old would be given up as past the retry max age,
        // so they are kept until delivered (0)
        ZprofConfig cfg = firing().report(r -> r.reporters("inprocess").retry(r.retry().maxAge(Duration.ZERO)))
                .build();
        try (EngineHarness h = new EngineHarness(cfg, loaderWith(reporter)).start()) {
            h.cycle();
            h.cycle();
            assertTrue(inDump.await(10, TimeUnit.SECONDS), "both capture threads are busy");
            h.cycle();
            h.engine().stop();
            assertEquals(1L, h.counter("captureSkips"), "the queued capture was discarded and counted");
            Poll.until("and reported", Duration.ofSeconds(10), () -> reporter.received.stream().anyMatch(
                    e -> "not captured: the engine stopped before the capture started".equals(e.error())), () -> h.status().reporters() + " / " + h.status().recentEvents() + " / " + reporter.received);
            release.countDown();
            // the last capture to end closes the old components on its interrupted thread: the delivery must still
            // flush before the reporter is closed
            Poll.until("the two captures that outlived stop() delivered their events",
                    () -> reporter.received.stream().filter(e -> e.error() == null && !e.artifacts().isEmpty()).count() == 2);
        } finally {
            release.countDown();
        }
    }

    @Test
    void stopReturnsWhileAReporterHangsInCloseAndClosesItOnce() {
        InProcessReporter reporter = new InProcessReporter(true);
        ZprofConfig cfg = config().report(r -> r.reporters("inprocess").flushTimeout(Duration.ofMillis(200))).build();
        try (EngineHarness h = new EngineHarness(cfg, loaderWith(reporter))) {
            h.engine().start();
            try {
                // before the fix stop() closed the reporter a second time on its own thread, and blocked there
                assertTimeoutPreemptively(Duration.ofMillis(STOP_BOUND_MILLIS), () -> h.engine().stop());
                assertFalse(h.engine().isRunning());
                Poll.until("the delivery's closing thread reached the reporter", () -> reporter.closes.get() >= 1);
                assertEquals(1, reporter.closes.get(), "the reporter is closed once, by the delivery that owns it");
            } finally {
                reporter.release.countDown();
            }
        }
    }

    @Test
    void stopDoesNotWaitForAShrinkerStuckInShrinkAndThePoolsGoBackWhenItReturns() throws Exception {
        CountDownLatch inShrink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger restores = new AtomicInteger();
        io.zprof.api.spi.ShrinkerProvider stuck = new io.zprof.api.spi.ShrinkerProvider() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public io.zprof.api.port.Shrinker create(ProviderContext context) {
                return new io.zprof.api.port.Shrinker() {
                    @Override
                    public io.zprof.api.model.ShrinkResult shrink(io.zprof.api.model.ShrinkRequest request) {
                        inShrink.countDown();
                        awaitIgnoringInterrupts(release);
                        return new io.zprof.api.model.ShrinkResult(1, 0, "shrank after a long stall");
                    }

                    @Override
                    public void restore() {
                        restores.incrementAndGet();
                    }
                };
            }
        };
        collector.set(Metric.JVM_THREADS, 500);
        FakeLoader withShrinker = new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper)
                .with(io.zprof.api.spi.ShrinkerProvider.class, stuck);
        ZprofConfig cfg = config().shrink(s -> s.enabled(true).threshold(100).delay(Duration.ZERO)).build();
        try (EngineHarness h = new EngineHarness(cfg, withShrinker).start()) {
            h.cycle();
            assertTrue(inShrink.await(10, TimeUnit.SECONDS), "the shrink step reached the shrinker");
            try {
                // before, the shrinker ran under the controller's monitor, which stop()'s restore waited for
                assertTimeoutPreemptively(Duration.ofMillis(STOP_BOUND_MILLIS), () -> h.engine().stop());
                assertEquals(0, restores.get(), "nothing was shrunk yet when stop() looked");
            } finally {
                release.countDown();
            }
            Poll.until("the shrink that returned after stop() put the pools back", () -> restores.get() == 1);
        }
    }

    /** As a plugin stuck in a call that does not answer interrupts; the interrupt is left set for the caller. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(30, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
