package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ProviderSelection;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.core.Zprof;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.status.RuleStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** update(): validated first, atomic, cooldowns survive, windows reset only when their meaning changes. */
class HotUpdateTest {
    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS);
    private final FakeLoader loader = new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper);
    private EngineHarness h;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private ZprofConfig.Builder base() {
        return EngineHarness.config(tmp.resolve("dumps")).windowSize(5)
                .threads(r -> r.enabled(true).min(1).abs(100).diff(0).max(0).cooldown(Duration.ofMinutes(1))
                        .dumps(DumpKind.THREADS));
    }

    private EngineHarness start(ZprofConfig cfg) {
        h = new EngineHarness(cfg, loader).start();
        return h;
    }

    private static ZprofConfig pinnedToNothing(ZprofConfig c) {
        return c.toBuilder().providers(new ProviderSelection(Map.of("jvmthreads", "nope"), Map.of(), Set.of())).build();
    }

    @Test
    void invalidUpdateThrowsAndChangesNothing() {
        ZprofConfig initial = base().build();
        start(initial);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> h.engine().update(pinnedToNothing(initial), ConfigProperties.empty()));
        assertEquals("zprof.collector.jvmthreads", e.key());

        assertSame(initial, h.engine().config());
        assertEquals(1L, h.status().generation());
        assertEquals(1, collector.created(), "the components in use were kept");
        assertEquals(0, collector.closed());
        collector.set(Metric.JVM_THREADS, 5);
        h.cycle();
        assertEquals(1L, h.counter("cycles"), "still sampling with the old components");
    }

    @Test
    void anUpdateWhileStoppedIsValidatedNowIncludingAdapterSettingsAndCreatesNothing() {
        AtomicInteger validations = new AtomicInteger();
        ScriptedCollectorProvider strict = new ScriptedCollectorProvider("strict", 0, Metric.JVM_THREADS) {
            @Override
            public void validate(io.zprof.api.spi.ProviderContext context) {
                validations.incrementAndGet();
                ConfigProperties own = context.scoped("collector", name());
                String root = own.getString("root", "/");
                if (!root.startsWith("/")) {
                    throw new ConfigurationException(own.fullKey("root"), root, "must be an absolute path");
                }
            }
        };
        h = new EngineHarness(base().build(), new FakeLoader().with(CollectorProvider.class, strict)
                .with(DumperProvider.class, dumper));
        ZprofConfig before = h.engine().config();

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.engine().update(base().build(),
                ConfigProperties.of(Map.of("zprof.collector.strict.root", "relative/dir"))));
        assertEquals("zprof.collector.strict.root", e.key());
        assertTrue(e.getMessage().contains("relative/dir"), e.getMessage());
        assertSame(before, h.engine().config(), "the rejected update changed nothing");
        assertThrows(ConfigurationException.class, () -> h.engine().update(pinnedToNothing(before), ConfigProperties.empty()),
                "a pin that cannot be honoured fails now too, not at the next start()");

        h.engine().update(base().build(), ConfigProperties.of(Map.of("zprof.collector.strict.root", "/sys")));
        assertEquals(2, validations.get(), "the bad setting and the good one; the bad pin fails in selection, before");
        assertEquals(0, strict.created(), "validation creates nothing while stopped");
        assertFalse(h.engine().isRunning());
    }

    @Test
    void zprofRejectsInvalidUpdatesOfEveryForm() {
        try (Zprof z = Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.interval", "1h",
                "zprof.dump.path", tmp.resolve("dumps").toString()))).build()) {
            z.start();
            ZprofConfig before = z.config();

            ConfigurationException bad = assertThrows(ConfigurationException.class,
                    () -> z.update(ConfigProperties.of(Map.of("zprof.cpu.abs", "abc"))));
            assertEquals("zprof.cpu.abs", bad.key());
            assertThrows(ConfigurationException.class, () -> z.update(b -> b.windowSize(0)));
            assertThrows(ConfigurationException.class,
                    () -> z.update(ConfigProperties.of(Map.of("zprof.interval", "1h", "zprof.collector.memory", "nope"))));

            assertSame(before, z.config());
            assertEquals(1L, z.status().generation());

            z.update(ConfigProperties.of(Map.of("zprof.interval", "1h", "zprof.cpu.abs", "70",
                    "zprof.dump.path", tmp.resolve("dumps").toString())));
            assertEquals(70.0, z.config().cpu().abs());
            assertEquals(2L, z.status().generation());
        }
    }

    @Test
    void validUpdateBumpsTheGenerationAndRebuildsOnlyWhenNeeded() {
        start(base().build());
        ZprofConfig ruleOnly = base().threads(r -> r.abs(120)).build();
        h.engine().update(ruleOnly, ConfigProperties.empty());
        assertSame(ruleOnly, h.engine().config());
        assertEquals(2L, h.status().generation());
        assertEquals(1, collector.created(), "a threshold change needs no new components");

        ZprofConfig relabelled = ruleOnly.toBuilder().label("app", "shop").build();
        h.engine().update(relabelled, ConfigProperties.empty());
        assertEquals(3L, h.status().generation());
        assertEquals(2, collector.created(), "labels go to components: rebuilt");
        assertEquals(1, collector.closed(), "and the old ones closed");
    }

    @Test
    void aThresholdChangedThroughPropertiesRebuildsNothingButAnAdapterSettingDoes() {
        start(base().build());
        ConfigProperties threshold = ConfigProperties.of(Map.of("zprof.threads.abs", "120"));
        h.engine().update(ConfigBinder.bind(base().build(), threshold), threshold);
        assertEquals(120.0, h.engine().config().threads().abs());
        assertEquals(1, collector.created(), "the engine's own key is compared through the typed configuration");

        ConfigProperties adapter = ConfigProperties.of(Map.of("zprof.threads.abs", "120",
                "zprof.collector.scripted.root", "/sys"));
        h.engine().update(ConfigBinder.bind(base().build(), adapter), adapter);
        assertEquals(2, collector.created(), "an adapter's setting may change what it builds: rebuilt");
    }

    @Test
    void updateWhileStoppedAppliesAtStart() {
        h = new EngineHarness(base().build(), loader);
        ZprofConfig next = base().threads(r -> r.abs(300)).build();
        h.engine().update(next, ConfigProperties.empty());
        assertEquals(2L, h.status().generation());
        assertEquals(0, collector.created());
        h.start();
        assertSame(next, h.engine().config());
        assertEquals(1, collector.created());
    }

    @Test
    void cooldownSurvivesAnUpdate() {
        start(base().build());
        collector.set(Metric.JVM_THREADS, 500);
        h.cycle();
        h.nextEvent();

        h.engine().update(base().threads(r -> r.abs(120)).build(), ConfigProperties.empty());
        h.clock().advance(Duration.ofSeconds(1));
        h.cycle();
        RuleStatus s = h.rule("threads");
        assertTrue(s.reason().startsWith("cooldown until " + EngineHarness.START.plus(Duration.ofMinutes(1))), s.reason());
        assertEquals(1L, s.firedCount());

        h.engine().update(base().threads(r -> r.abs(130)).label("app", "x").windowSize(9).build(), ConfigProperties.empty());
        h.clock().advance(Duration.ofSeconds(1));
        h.cycle();
        assertTrue(h.rule("threads").reason().startsWith("cooldown until "),
                "not even a rebuild and a new window end it: " + h.rule("threads").reason());
        assertEquals(1L, h.rule("threads").firedCount());
    }

    @Test
    void windowResetsOnlyWhenItsLengthOrTheIntervalChanges() {
        ZprofConfig.Builder quiet = base().threads(r -> r.abs(0).diff(0));
        start(quiet.build());
        feed(10);
        feed(20);
        feed(30);

        h.engine().update(quiet.threads(r -> r.abs(1000)).build(), ConfigProperties.empty());
        assertEquals(20.0, feed(40), "a threshold change keeps the window");

        h.engine().update(quiet.dump(d -> d.maxFiles(7)).label("app", "shop").build(), ConfigProperties.empty());
        assertEquals(25.0, feed(50), "a rebuild of the components keeps the window");

        h.engine().update(quiet.windowSize(4).build(), ConfigProperties.empty());
        assertTrue(Double.isNaN(feed(60)), "a new window length starts an empty window");
        assertEquals(60.0, feed(70));

        h.engine().update(quiet.collectInterval(Duration.ofMinutes(30)).build(), ConfigProperties.empty());
        assertTrue(Double.isNaN(feed(80)), "a new interval changes what the samples mean: empty window");
    }

    /** @return the average the new sample was compared with, as status() shows it */
    private double feed(double v) {
        collector.set(Metric.JVM_THREADS, v);
        h.cycle();
        RuleStatus s = h.rule("threads");
        assertEquals(v, s.value());
        return s.average();
    }

    @Test
    void aCaptureInProgressKeepsItsDumperOpenAcrossAnUpdate() {
        CountDownLatch inDump = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(r -> {
            inDump.countDown();
            FakeDumperProvider.await(release, Duration.ofSeconds(20));
            return FakeDumperProvider.writeSmallFile(r);
        });
        start(base().build());
        collector.set(Metric.JVM_THREADS, 500);
        h.cycle();
        try {
            assertTrue(FakeDumperProvider.await(inDump, Duration.ofSeconds(10)));
            h.engine().update(base().label("app", "shop").build(), ConfigProperties.empty());
            assertEquals(2, dumper.created(), "the update built new components");
            assertEquals(0, dumper.closed(), "the old dumper stays open while its capture runs");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            release.countDown();
        }
        assertEquals(null, h.nextEvent().error());
        io.zprof.core.fixtures.Poll.until("the old dumper closed once its capture ended", () -> dumper.closed() == 1);
        assertEquals(0, dumper.usedAfterClose());
    }

    @Test
    void stopClosesADumperOnlyAfterItsCaptureEnds() throws Exception {
        CountDownLatch inDump = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        dumper.behaviour(FakeDumperProvider.ignoringInterruptionUntil(inDump, release, FakeDumperProvider::writeSmallFile));
        start(base().build());
        collector.set(Metric.JVM_THREADS, 500);
        h.cycle();
        try {
            assertTrue(inDump.await(10, TimeUnit.SECONDS));
            h.engine().stop();
            assertFalse(h.engine().isRunning());
            assertEquals(0, dumper.closed(), "the dumper still in use is closed later");
        } finally {
            release.countDown();
        }
        io.zprof.core.fixtures.Poll.until("everything closed once the capture ended",
                () -> dumper.closed() == 1 && collector.closed() == 1);
        assertEquals(0, dumper.usedAfterClose());
    }

    @Test
    void cyclesNeverUseComponentsAnUpdateClosed() throws Exception {
        start(base().build());
        collector.set(Metric.JVM_THREADS, 1);
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread cycler = new Thread(() -> {
            try {
                while (!done.get()) {
                    h.engine().cycle();
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "cycler");
        cycler.start();
        try {
            // every update relabels, so every update builds new components and closes the old ones
            for (int i = 0; i < 4000; i++) {
                h.engine().update(base().label("n", "v" + i).build(), ConfigProperties.empty());
            }
        } finally {
            done.set(true);
            cycler.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertEquals(List.of(), new ArrayList<>(errors));
        assertTrue(collector.collects() > 0);
        assertEquals(0, collector.usedAfterClose(), "collect() on a closed collector");
    }

    @Test
    void concurrentValidAndInvalidUpdatesWhileSampling() throws Exception {
        ZprofConfig initial = base().build();
        List<ZprofConfig> valid = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            ZprofConfig.Builder b = base().threads(r -> r.abs(100 + n));
            if (n % 3 == 0) {
                b.label("round", "r" + n); // forces a rebuild of the components
            }
            if (n % 7 == 0) {
                b.windowSize(3 + n % 4);
            }
            valid.add(b.build());
        }
        ZprofConfig invalid = pinnedToNothing(initial);
        start(initial);
        collector.set(Metric.JVM_THREADS, 50);

        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> updaters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * 10;
            updaters.add(new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 10; i++) {
                        if (ThreadLocalRandom.current().nextInt(3) == 0) {
                            try {
                                h.engine().update(invalid, ConfigProperties.empty());
                                unexpected.add(new AssertionError("an invalid update was applied"));
                            } catch (ConfigurationException expected) {
                                rejected.incrementAndGet();
                            }
                        }
                        h.engine().update(valid.get(first + i), ConfigProperties.empty());
                        applied.incrementAndGet();
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
            }, "updater-" + t));
        }
        Thread sampler = new Thread(() -> {
            try {
                go.await();
                while (!done.get()) {
                    h.engine().cycle();
                    ZprofConfig seen = h.engine().config();
                    if (seen != initial && !valid.contains(seen)) {
                        unexpected.add(new AssertionError("config() returned a configuration nobody submitted: " + seen));
                    }
                    h.status();
                }
            } catch (Throwable e) {
                unexpected.add(e);
            }
        }, "cycler");
        updaters.forEach(Thread::start);
        sampler.start();
        go.countDown();
        for (Thread u : updaters) {
            u.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(u.isAlive(), u.getName() + " is stuck");
        }
        // on a loaded machine the updates can all be over before the cycler's first turn: let it take one
        io.zprof.core.fixtures.Poll.until("a cycle", () -> h.counter("cycles") > 0);
        done.set(true);
        sampler.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(sampler.isAlive());

        assertEquals(List.of(), new ArrayList<>(unexpected));
        assertEquals(40, applied.get());
        assertEquals(1L + applied.get(), h.status().generation(), "one generation per valid update, none per invalid one ("
                + rejected.get() + " rejected)");
        assertTrue(valid.contains(h.engine().config()));
        assertTrue(h.counter("cycles") > 0);
        assertEquals(0, collector.usedAfterClose(), "a cycle never uses components an update has closed");
        assertEquals(collector.created() - 1, collector.closed(), "every replaced collector was closed, the live one not");
    }
}
