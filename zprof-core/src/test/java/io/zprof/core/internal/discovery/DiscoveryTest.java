package io.zprof.core.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ProviderSelection;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.fixtures.TestProviderContext;
import io.zprof.core.status.MetricValue;
import io.zprof.core.status.ProviderState;
import io.zprof.core.status.ProviderStatus;
import io.zprof.core.status.ZprofStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider selection per metric: priority, availability, pins, disabled providers, duplicates, create failures. */
class DiscoveryTest {
    private static final ProviderContext CTX = TestProviderContext.defaults();

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider high = new ScriptedCollectorProvider("high", 100, Metric.RSS_BYTES,
            Metric.MEMORY_LIMIT_BYTES);
    private final ScriptedCollectorProvider mid = new ScriptedCollectorProvider("mid", 50, Metric.RSS_BYTES, Metric.OS_THREADS);
    private final ScriptedCollectorProvider low = new ScriptedCollectorProvider("low", -100, Metric.RSS_BYTES,
            Metric.OS_THREADS, Metric.JVM_THREADS);

    private static Collection<String> keysOf(CollectorProvider p) {
        List<String> out = new ArrayList<>();
        p.metrics().forEach(m -> out.add(m.key()));
        return out;
    }

    private static KeyedSelection<CollectorProvider> select(List<CollectorProvider> found, Map<String, String> pins,
                                                            Set<String> disabled) {
        return KeyedSelection.select("collector", new LoadedProviders<>(found, List.of()), DiscoveryTest::keysOf, pins,
                Map.of("memory", List.of("rssbytes", "memorylimitbytes")), "zprof.collector.", disabled, CTX);
    }

    private static ProviderStatus status(KeyedSelection<?> sel, String name) {
        return status(sel.statuses(), name);
    }

    private static ProviderStatus status(List<ProviderStatus> statuses, String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no status for " + name + " in " + statuses));
    }

    @Test
    void highestPriorityWinsPerMetricWhateverTheDiscoveryOrder() {
        List<CollectorProvider> found = new ArrayList<>(List.of(low, high, mid));
        for (int i = 0; i < 6; i++) {
            Collections.rotate(found, 1);
            if (i == 3) {
                Collections.reverse(found);
            }
            KeyedSelection<CollectorProvider> sel = select(found, Map.of(), Set.of());
            assertSame(high, sel.winners().get("rssbytes"), "order " + found);
            assertSame(high, sel.winners().get("memorylimitbytes"));
            assertSame(mid, sel.winners().get("osthreads"));
            assertSame(low, sel.winners().get("jvmthreads"));
        }
        KeyedSelection<CollectorProvider> sel = select(List.of(low, high, mid), Map.of(), Set.of());
        assertEquals(ProviderState.SELECTED, status(sel, "high").state());
        assertEquals(Set.of("rssbytes", "memorylimitbytes"), Set.copyOf(status(sel, "high").selectedFor()));
        assertEquals(List.of("osthreads"), status(sel, "mid").selectedFor());
        assertEquals("not used for rssbytes→high (priority 100)", status(sel, "mid").detail());
        assertEquals(List.of("jvmthreads"), status(sel, "low").selectedFor());
        assertTrue(status(sel, "low").detail().contains("osthreads→mid (priority 50)"), status(sel, "low").detail());
        assertEquals(ScriptedCollectorProvider.class.getName(), status(sel, "low").className());
    }

    @Test
    void providerThatWinsNothingIsOnStandbyAndItsAvailabilityIsNeverChecked() {
        int[] checks = {0};
        ScriptedCollectorProvider lowRss = new ScriptedCollectorProvider("lowrss", 0, Metric.RSS_BYTES) {
            @Override
            public Availability availability(ProviderContext context) {
                checks[0]++;
                return super.availability(context);
            }
        };
        KeyedSelection<CollectorProvider> sel = select(List.of(lowRss, high), Map.of(), Set.of());
        ProviderStatus s = status(sel, "lowrss");
        assertEquals(ProviderState.STANDBY, s.state());
        assertEquals(List.of(), s.selectedFor());
        assertEquals("not used for rssbytes→high (priority 100); availability not checked", s.detail());
        assertEquals(0, checks[0], "a check may load native code (OSHI loads JNA): not done for a provider that serves nothing");

        high.unavailable("not Linux");
        KeyedSelection<CollectorProvider> fallback = select(List.of(lowRss, high), Map.of(), Set.of());
        assertSame(lowRss, fallback.winners().get("rssbytes"), "checked, and used, once the provider above is unavailable");
        assertEquals(1, checks[0]);
    }

    @Test
    void unavailableProviderIsSkippedWithItsReason() {
        high.unavailable("not Linux");
        KeyedSelection<CollectorProvider> sel = select(List.of(high, mid), Map.of(), Set.of());
        assertSame(mid, sel.winners().get("rssbytes"));
        assertFalse(sel.winners().containsKey("memorylimitbytes"), "nobody else supplies it");
        ProviderStatus s = status(sel, "high");
        assertEquals(ProviderState.UNAVAILABLE, s.state());
        assertEquals("not Linux", s.detail());
    }

    @Test
    void availabilityCheckThatThrowsMeansUnavailable() {
        ScriptedCollectorProvider throwing = new ScriptedCollectorProvider("throwing", 100, Metric.RSS_BYTES) {
            @Override
            public Availability availability(ProviderContext context) {
                throw new NoClassDefFoundError("oshi/SystemInfo");
            }
        };
        KeyedSelection<CollectorProvider> sel = select(List.of(throwing, mid), Map.of(), Set.of());
        assertSame(mid, sel.winners().get("rssbytes"));
        ProviderStatus s = status(sel, "throwing");
        assertEquals(ProviderState.UNAVAILABLE, s.state());
        assertTrue(s.detail().contains("oshi/SystemInfo"), s.detail());
    }

    @Test
    void pinOverridesPriority() {
        KeyedSelection<CollectorProvider> sel = select(List.of(high, mid, low), Map.of("rssbytes", "low"), Set.of());
        assertSame(low, sel.winners().get("rssbytes"));
        assertSame(high, sel.winners().get("memorylimitbytes"));
        assertEquals("not used for rssbytes→low (pinned)", status(sel, "high").detail());
    }

    @Test
    void aliasPinCoversEveryMetricOfTheRule() {
        ScriptedCollectorProvider both = new ScriptedCollectorProvider("both", 0, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES);
        KeyedSelection<CollectorProvider> sel = select(List.of(high, both), Map.of("memory", "both"), Set.of());
        assertSame(both, sel.winners().get("rssbytes"));
        assertSame(both, sel.winners().get("memorylimitbytes"));
        assertEquals(ProviderState.STANDBY, status(sel, "high").state());
    }

    @Test
    void aliasPinToAProviderMissingOneMetricFailsNamingTheAlias() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> select(List.of(high, mid), Map.of("memory", "mid"), Set.of()));
        assertEquals("zprof.collector.memory", e.key());
        assertTrue(e.getMessage().contains("zprof.collector.memory=mid") && e.getMessage().contains("memorylimitbytes"),
                e.getMessage());
    }

    @Test
    void pinToAnUnknownProviderFailsNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> select(List.of(high, mid), Map.of("rssbytes", "zzz"), Set.of()));
        assertEquals("zprof.collector.rssbytes", e.key());
        assertTrue(e.getMessage().contains("zprof.collector.rssbytes=zzz"), e.getMessage());
        assertTrue(e.getMessage().contains("no collector provider named 'zzz' is installed"), e.getMessage());
    }

    @Test
    void pinToAnUnavailableProviderFailsWithItsReason() {
        high.unavailable("cgroup v1 not mounted");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> select(List.of(high, mid), Map.of("memory", "high"), Set.of()));
        assertEquals("zprof.collector.memory", e.key());
        assertTrue(e.getMessage().contains("provider 'high' is not usable: cgroup v1 not mounted"), e.getMessage());
    }

    @Test
    void pinToADisabledProviderFailsSayingSo() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> select(List.of(high, mid), Map.of("rssbytes", "high"), Set.of("high")));
        assertTrue(e.getMessage().contains("disabled"), e.getMessage());
    }

    @Test
    void disabledProviderIsNeverUsed() {
        KeyedSelection<CollectorProvider> sel = select(List.of(high, mid, low), Map.of(), Set.of("high", "mid"));
        assertSame(low, sel.winners().get("rssbytes"));
        assertFalse(sel.winners().containsKey("memorylimitbytes"));
        assertEquals(ProviderState.DISABLED, status(sel, "high").state());
        assertEquals(ProviderState.DISABLED, status(sel, "mid").state());
        assertTrue(status(sel, "mid").detail().contains("zprof.providers.disabled"));
    }

    /** Two provider classes, deliberately sharing a name. */
    public static final class DupOne extends ScriptedCollectorProvider {
        DupOne(int priority) {
            super("dup", priority, Metric.RSS_BYTES);
        }
    }

    /** See {@link DupOne}. */
    public static final class DupTwo extends ScriptedCollectorProvider {
        DupTwo(int priority) {
            super("dup", priority, Metric.RSS_BYTES);
        }
    }

    @Test
    void sameNameAndPriorityFailsNamingBothClasses() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> select(List.of(new DupOne(10), mid, new DupTwo(10)), Map.of(), Set.of()));
        assertTrue(e.getMessage().contains(DupOne.class.getName()) && e.getMessage().contains(DupTwo.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("'dup'"), e.getMessage());
    }

    @Test
    void sameNameDifferentPriorityHigherWinsOtherShadowed() {
        DupOne weaker = new DupOne(10);
        DupTwo stronger = new DupTwo(20);
        for (List<CollectorProvider> order : List.<List<CollectorProvider>>of(List.of(weaker, stronger), List.of(stronger, weaker))) {
            KeyedSelection<CollectorProvider> sel = select(order, Map.of(), Set.of());
            assertSame(stronger, sel.winners().get("rssbytes"), "order " + order);
            ProviderStatus shadowed = sel.statuses().stream().filter(s -> s.className().equals(DupOne.class.getName()))
                    .findFirst().orElseThrow();
            assertEquals(ProviderState.STANDBY, shadowed.state());
            assertTrue(shadowed.detail().contains("shadowed by " + DupTwo.class.getName()), shadowed.detail());
            ProviderStatus used = sel.statuses().stream().filter(s -> s.className().equals(DupTwo.class.getName()))
                    .findFirst().orElseThrow();
            assertEquals(ProviderState.SELECTED, used.state());
        }
    }

    @Test
    void loadFailuresAppearInStatuses() {
        ProviderStatus broken = new ProviderStatus("collector", "?", "com.example.Broken", 0, ProviderState.FAILED_TO_LOAD,
                "java.util.ServiceConfigurationError: boom", List.of());
        KeyedSelection<CollectorProvider> sel = KeyedSelection.select("collector",
                new LoadedProviders<>(List.<CollectorProvider>of(mid), List.of(broken)), DiscoveryTest::keysOf, Map.of(),
                Map.of(), "zprof.collector.", Set.of(), CTX);
        assertTrue(sel.statuses().contains(broken), sel.statuses().toString());
        assertSame(mid, sel.winners().get("rssbytes"));
    }

    // ---- through the engine: creation failures fall back to the next candidate

    @Test
    void providerWhoseCreateThrowsFallsBackToTheNextCandidate() {
        ScriptedCollectorProvider broken = new ScriptedCollectorProvider("broken", 100, Metric.RSS_BYTES, Metric.OS_THREADS)
                .failingCreate(new IllegalStateException("cannot open /proc/self/status"));
        ScriptedCollectorProvider fallback = new ScriptedCollectorProvider("fallback", -100, Metric.RSS_BYTES)
                .set(Metric.RSS_BYTES, 12345, MetricSource.JVM_APPROXIMATION);
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, broken, fallback);
        try (EngineHarness h = new EngineHarness(EngineHarness.config(tmp).build(), loader).start()) {
            ZprofStatus st = h.status();
            ProviderStatus b = status(st.providers(), "broken");
            assertEquals(ProviderState.FAILED_TO_CREATE, b.state());
            assertTrue(b.detail().contains("cannot open /proc/self/status"), b.detail());
            ProviderStatus f = status(st.providers(), "fallback");
            assertEquals(ProviderState.SELECTED, f.state());
            assertEquals(List.of("rssbytes"), f.selectedFor());

            h.cycle();
            MetricValue rss = h.status().metrics().stream().filter(m -> m.metric() == Metric.RSS_BYTES).findFirst().orElseThrow();
            assertEquals(12345.0, rss.value());
            assertEquals(MetricSource.JVM_APPROXIMATION, rss.source());
            assertEquals(1, fallback.created());
        }
    }

    @Test
    void providerRejectingItsConfigurationFailsStart() {
        ScriptedCollectorProvider strict = new ScriptedCollectorProvider("strict", 100, Metric.RSS_BYTES)
                .failingCreate(new ConfigurationException("zprof.collector.strict.root", "/nope", "does not exist"));
        ScriptedCollectorProvider fallback = new ScriptedCollectorProvider("fallback", -100, Metric.RSS_BYTES);
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, strict, fallback);
        try (EngineHarness h = new EngineHarness(EngineHarness.config(tmp).build(), loader)) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.engine().start());
            assertEquals("zprof.collector.strict.root", e.key());
            assertFalse(h.engine().isRunning(), "nothing is left running");
        }
    }

    @Test
    void aliasPinSetInCodeIsHonouredByTheEngine() {
        ScriptedCollectorProvider both = new ScriptedCollectorProvider("both", 0, Metric.RSS_BYTES, Metric.MEMORY_LIMIT_BYTES);
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, high, both);
        var cfg = EngineHarness.config(tmp).providers(new ProviderSelection(Map.of("memory", "both"), Map.of(), Set.of())).build();
        try (EngineHarness h = new EngineHarness(cfg, loader).start()) {
            assertEquals(Set.of("rssbytes", "memorylimitbytes"), new HashSet<>(status(h.status().providers(), "both").selectedFor()));
            assertEquals(0, high.created(), "a provider that serves nothing is not created");
        }
    }

    @Test
    void pinToAProviderWhoseCreateThrowsFailsStartWithTheCreateError() {
        ScriptedCollectorProvider broken = new ScriptedCollectorProvider("broken", 100, Metric.RSS_BYTES)
                .failingCreate(new IllegalStateException("cannot open /proc/self/status"));
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, broken, mid);
        var cfg = EngineHarness.config(tmp).providers(new ProviderSelection(Map.of("rssbytes", "broken"), Map.of(), Set.of()))
                .build();
        try (EngineHarness h = new EngineHarness(cfg, loader)) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.engine().start());
            assertEquals("zprof.collector.rssbytes", e.key());
            assertTrue(e.getMessage().contains("create() failed") && e.getMessage().contains("cannot open /proc/self/status"),
                    "names the real cause, not 'disabled': " + e.getMessage());
            assertFalse(h.engine().isRunning());
        }
    }

    @Test
    void pinToAnUnknownProviderFailsStartNamingTheKeyAsWritten() {
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, high, mid);
        var cfg = EngineHarness.config(tmp).providers(new ProviderSelection(Map.of("memory", "zzz"), Map.of(), Set.of())).build();
        try (EngineHarness h = new EngineHarness(cfg, loader)) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> h.engine().start());
            assertEquals("zprof.collector.memory", e.key());
            assertFalse(h.engine().isRunning());
        }
    }
}
