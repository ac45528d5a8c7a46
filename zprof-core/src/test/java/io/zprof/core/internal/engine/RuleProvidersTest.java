package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.RuleConfig;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Decision;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.model.ReportEvent;
import io.zprof.api.model.RuleInput;
import io.zprof.api.model.Verdict;
import io.zprof.api.port.Rule;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.RuleContext;
import io.zprof.api.spi.RuleProvider;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.internal.config.ConfigBinder;
import io.zprof.core.status.RuleStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules are providers: a third party's rule type and the built-in types, configured under zprof.rule.<name>.*. */
class RuleProvidersTest {
    private static final Metric POOL_ACTIVE = Metric.custom("pool.active", "connections", Metric.Kind.GAUGE);

    @TempDir
    Path tmp;

    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("pool", 0, POOL_ACTIVE,
            Metric.JVM_THREADS);
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 0, DumpKind.THREADS);
    private EngineHarness h;

    /** A third party's rule type: fires when the sample is above {@code level}, explaining it in its own words. */
    static final class AboveLevelProvider implements RuleProvider {
        @Override
        public String name() {
            return "above";
        }

        @Override
        public Set<String> settingKeys() {
            return Set.of("level");
        }

        @Override
        public Rule create(RuleContext context) {
            double level = context.settings().getDouble("level", 0);
            return new Rule() {
                @Override
                public Verdict evaluate(RuleInput in) {
                    return in.current() > level ? Verdict.FIRED : Verdict.NOT_FIRED;
                }

                @Override
                public Decision explain(RuleInput in, Verdict v) {
                    return Decision.of(in, v.fired(), level, Decision.num(in.current()) + " vs level " + Decision.num(level)
                            + " on " + in.metric().key() + " after " + in.samplesSeen() + " samples");
                }

                @Override
                public Map<String, Double> thresholds() {
                    return Map.of("level", level);
                }
            };
        }
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    private Map<String, String> props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zprof.interval", "1h");
        m.put("zprof.warmup", "0");
        m.put("zprof.dump.path", tmp.resolve("dumps").toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private FakeLoader loader() {
        return new FakeLoader().with(CollectorProvider.class, collector).with(DumperProvider.class, dumper)
                .with(RuleProvider.class, new AboveLevelProvider());
    }

    private EngineHarness start(Map<String, String> props) {
        h = new EngineHarness(ConfigBinder.bind(ConfigProperties.of(props)), loader());
        h.start();
        return h;
    }

    @Test
    void aThirdPartyRuleTypeWatchingAThirdPartyMetricFiresThroughTheEngine() throws IOException {
        start(props("zprof.rule.poolbusy.type", "above", "zprof.rule.poolbusy.metric", "pool.active",
                "zprof.rule.poolbusy.level", "5", "zprof.rule.poolbusy.dumps", "threads",
                "zprof.rule.poolbusy.cooldown", "0s"));
        collector.set(POOL_ACTIVE, 4, MetricSource.JVM);
        h.cycle();
        assertEquals("not fired: 4.0 vs level 5.0 on pool.active after 0 samples", h.rule("poolbusy").reason());
        collector.set(POOL_ACTIVE, 6, MetricSource.JVM);
        h.cycle();

        ReportEvent e = h.nextEvent();
        assertEquals("poolbusy", e.rule());
        assertEquals("pool.active", e.metric());
        assertEquals(6.0, e.value());
        assertEquals("fired: 6.0 vs level 5.0 on pool.active after 1 samples", e.reason());
        assertEquals(Map.of("level", 5.0), e.thresholds());
        assertEquals(List.of("threads", "timeline"), e.artifacts().stream().map(a -> a.kind()).toList());
        Path timeline = e.artifacts().get(1).path();
        JsonNode config = new ObjectMapper().readTree(Files.readString(timeline)).get("config");
        assertEquals("above", config.get("type").asText());
        assertEquals("pool.active", config.get("metric").asText());
        assertEquals("5", config.get("level").asText());
        RuleStatus status = h.rule("poolbusy");
        assertEquals(1, status.firedCount());
    }

    @Test
    void theBuiltInRulesKeepTheirKeysAndRunBesideConfiguredOnes() {
        start(props("zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "100",
                "zprof.threads.diff", "0", "zprof.threads.cooldown", "0s", "zprof.threads.dumps", "threads",
                "zprof.rule.poolbusy.type", "sustained", "zprof.rule.poolbusy.metric", "pool.active",
                "zprof.rule.poolbusy.threshold", "40", "zprof.rule.poolbusy.count", "2", "zprof.rule.poolbusy.of", "3",
                "zprof.rule.poolbusy.cooldown", "0s"));
        assertEquals(List.of("cpu", "memory", "threads", "osthreads", "poolbusy", "gcheap", "shrink"),
                h.status().rules().stream().map(RuleStatus::rule).toList());
        collector.set(Metric.JVM_THREADS, 150).set(POOL_ACTIVE, 50, MetricSource.JVM);
        h.cycle();
        assertEquals("threads", h.nextEvent().rule());
        collector.set(Metric.JVM_THREADS, 10).set(POOL_ACTIVE, 10, MetricSource.JVM);
        h.cycle();
        collector.set(POOL_ACTIVE, 50, MetricSource.JVM);
        h.cycle();
        ReportEvent e = h.nextEvent();
        assertEquals("poolbusy", e.rule());
        assertEquals("fired: 2 of the last 3 samples above 40.0, at least 2", e.reason());
        assertTrue(h.pendingEvents().isEmpty(), "threads fired once: " + h.pendingEvents());
    }

    @Test
    void aConfiguredRuleHasItsOwnWarmUpAndAHotUpdateKeepsItsState() {
        start(props("zprof.rule.leak.type", "trend", "zprof.rule.leak.metric", "pool.active",
                "zprof.rule.leak.rate", "1", "zprof.rule.leak.samples", "3", "zprof.rule.leak.warmup", "2"));
        for (int v : new int[] {10, 20}) {
            collector.set(POOL_ACTIVE, v, MetricSource.JVM);
            h.cycle();
            assertTrue(h.rule("leak").reason().startsWith("warm-up: "), h.rule("leak").reason());
            h.clock().advance(java.time.Duration.ofMinutes(1));
        }
        Map<String, String> cooler = props("zprof.rule.leak.type", "trend", "zprof.rule.leak.metric", "pool.active",
                "zprof.rule.leak.rate", "100", "zprof.rule.leak.samples", "3", "zprof.rule.leak.warmup", "2");
        h.engine().update(ConfigBinder.bind(ConfigProperties.of(cooler)), ConfigProperties.of(cooler));
        collector.set(POOL_ACTIVE, 30, MetricSource.JVM);
        h.cycle();
        assertEquals("not fired: slope 10.0/min over 3 samples <= rate 100.0/min", h.rule("leak").reason(),
                "warm-up and the window survived the update");
    }

    @Test
    void anUnknownRuleTypeFailsNamingItsKeyAndValue() {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(props("zprof.rule.poolbusy.type", "sustaind",
                "zprof.rule.poolbusy.metric", "pool.active")));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new EngineHarness(cfg, loader()));
        assertEquals("zprof.rule.poolbusy.type", e.key());
        assertTrue(e.getMessage().contains("sustaind") && e.getMessage().contains("above"), e.getMessage());
    }

    @Test
    void anUnknownSettingOfTheTypeFailsNamingItsKeyAndValue() {
        ZprofConfig cfg = ConfigBinder.bind(ConfigProperties.of(props("zprof.rule.poolbusy.type", "sustained",
                "zprof.rule.poolbusy.metric", "pool.active", "zprof.rule.poolbusy.treshold", "40")));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new EngineHarness(cfg, loader()));
        assertEquals("zprof.rule.poolbusy.treshold", e.key());
        assertTrue(e.getMessage().contains("40"), e.getMessage());
    }

    @Test
    void aBadRuleInAnUpdateChangesNothing() {
        start(props("zprof.rule.poolbusy.type", "above", "zprof.rule.poolbusy.metric", "pool.active",
                "zprof.rule.poolbusy.level", "5"));
        Map<String, String> bad = props("zprof.rule.poolbusy.type", "trend", "zprof.rule.poolbusy.metric", "pool.active",
                "zprof.rule.poolbusy.rate", "-1");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> h.engine().update(ConfigBinder.bind(ConfigProperties.of(bad)), ConfigProperties.of(bad)));
        assertEquals("zprof.rule.poolbusy.rate", e.key());
        assertEquals("above", h.engine().config().rules().get("poolbusy").type());
    }

    @Test
    void bindingChecksTheGenericKeys() {
        assertBindFails("zprof.rule.poolbusy.metric", "nosuch.metric", "zprof.rule.poolbusy.type", "above",
                "zprof.rule.poolbusy.metric", "nosuch.metric");
        assertBindFails("zprof.rule.poolbusy.type", "''", "zprof.rule.poolbusy.metric", "pool.active");
        assertBindFails("zprof.rule.poolbusy.metric", "''", "zprof.rule.poolbusy.type", "above");
        assertBindFails("zprof.rule.cpu.type", "cpu", "zprof.rule.cpu.type", "above", "zprof.rule.cpu.metric", "cpupercent");
        assertBindFails("zprof.rule.poolbusy.dumps", "threads,nosuchkind", "zprof.rule.poolbusy.type", "above",
                "zprof.rule.poolbusy.metric", "pool.active", "zprof.rule.poolbusy.dumps", "threads,nosuchkind");
        assertBindFails("zprof.rule.poolbusy.warmup", "-1", "zprof.rule.poolbusy.type", "above",
                "zprof.rule.poolbusy.metric", "pool.active", "zprof.rule.poolbusy.warmup", "-1");
        assertBindFails("zprof.rule.poolbusy.cooldown", "soon", "zprof.rule.poolbusy.type", "above",
                "zprof.rule.poolbusy.metric", "pool.active", "zprof.rule.poolbusy.cooldown", "soon");

        RuleConfig rc = ConfigBinder.bind(ConfigProperties.of(props("zprof.rule.poolbusy.type", "Sustained",
                "zprof.rule.poolbusy.metric", "pool.active", "zprof.rule.poolbusy.threshold", "40",
                "zprof.rule.poolbusy.duration", "30s", "zprof.rule.poolbusy.dumps", "threads,heap"))).rules().get("poolbusy");
        assertEquals("sustained", rc.type());
        assertSame(POOL_ACTIVE, rc.metric());
        assertTrue(rc.enabled(), "configuring a rule turns it on");
        assertEquals(RuleConfig.INHERIT_WARMUP, rc.warmup());
        assertEquals(List.of(DumpKind.THREADS, DumpKind.HEAP), rc.dumps());
        assertEquals(Map.of("threshold", "40", "duration", "30s"), rc.settings());
        assertTrue(ConfigBinder.isSetting("zprof.rule.poolbusy.threshold"));
    }

    private void assertBindFails(String key, String value, String... kv) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigBinder.bind(ConfigProperties.of(props(kv))), key);
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void theEngineFindsRuleProvidersThroughServiceLoader() {
        List<String> names = new io.zprof.core.internal.discovery.ServiceProviderLoader(getClass().getClassLoader())
                .load(RuleProvider.class, "rule").loaded().stream().map(RuleProvider::name).toList();
        assertEquals(List.of("threshold", "sustained", "trend"), names);
    }
}
