package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.fixtures.TestProviderContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A component shared by the generations that use it, and when a new configuration may keep it. */
class ComponentPartTest {
    private final ScriptedCollectorProvider collector = new ScriptedCollectorProvider("scripted", 0, Metric.JVM_THREADS);

    @Test
    void itClosesWhenTheLastGenerationHoldingItLetsGo() {
        AtomicInteger closed = new AtomicInteger();
        ComponentPart<AutoCloseable> part = new ComponentPart<>(origin(Map.of(), ZprofConfig.defaults()),
                closed::incrementAndGet);
        part.retain();
        part.retain();
        part.release();
        assertEquals(0, closed.get(), "one generation still holds it");
        part.release();
        assertEquals(1, closed.get());
    }

    @Test
    void itServesAgainOnlyTheSameProviderKeysAndSettings() {
        ZprofConfig cfg = ZprofConfig.defaults();
        ComponentPart<Object> part = new ComponentPart<>(origin(Map.of("root", "/sys"), cfg), new Object());
        assertTrue(part.servesAgain(origin(Map.of("root", "/sys"), cfg)));
        assertFalse(part.servesAgain(origin(Map.of("root", "/proc"), cfg)), "its own setting changed");
        assertFalse(part.servesAgain(origin(Map.of("root", "/sys"), cfg.toBuilder().label("a", "b").build())),
                "an engine setting it reads (by default, the labels) changed");
        assertTrue(part.servesAgain(origin(Map.of("root", "/sys"), cfg.toBuilder().threads(r -> r.abs(700)).build())),
                "a rule's setting is no component's");
        assertFalse(part.servesAgain(ComponentPart.Origin.of("collector", collector, Set.of("os.threads"),
                context(Map.of("root", "/sys"), cfg))), "other keys");
        FakeDumperProvider sameName = new FakeDumperProvider("scripted", 0, DumpKind.THREADS);
        assertFalse(part.servesAgain(ComponentPart.Origin.of("collector", sameName, Set.of(Metric.JVM_THREADS.key()),
                context(Map.of("root", "/sys"), cfg))), "another provider class of the same name");
    }

    private ComponentPart.Origin origin(Map<String, String> own, ZprofConfig cfg) {
        return ComponentPart.Origin.of("collector", collector, Set.of(Metric.JVM_THREADS.key()), context(own, cfg));
    }

    private static TestProviderContext context(Map<String, String> own, ZprofConfig cfg) {
        Map<String, String> props = new java.util.HashMap<>();
        own.forEach((k, v) -> props.put("zprof.collector.scripted." + k, v));
        return new TestProviderContext(cfg, io.zprof.api.config.ConfigProperties.of(props));
    }
}
