package io.zprof.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.Metric;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.DumperProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.core.fixtures.EngineHarness;
import io.zprof.core.fixtures.FakeDumperProvider;
import io.zprof.core.fixtures.FakeLoader;
import io.zprof.core.fixtures.ScriptedCollectorProvider;
import io.zprof.core.internal.config.ConfigBinder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: update() rebuilds a component only when its own settings ({@code zprof.<role>.<name>.*}) or the engine
 * settings it declares it reads changed; every other component is kept, the very instance, and an update that fails
 * leaves every component of the configuration in force open.
 */
class SelectiveRebuildTest {
    @TempDir
    Path tmp;

    /** Reads only its own settings: no engine setting rebuilds it. */
    private final ScriptedCollectorProvider threads = new ScriptedCollectorProvider("threads", 10, Metric.JVM_THREADS) {
        @Override
        public Object engineSettingsRead(ZprofConfig config) {
            return List.of();
        }

        @Override
        public io.zprof.api.port.Collector create(ProviderContext context) {
            if ("bad".equals(context.scoped("collector", name()).get("mode"))) {
                throw new ConfigurationException("zprof.collector.threads.mode", "mode=bad: not a mode");
            }
            return super.create(context);
        }
    };
    /** Declares nothing: rebuilt as before when a section it may read (labels) changes. */
    private final ScriptedCollectorProvider memory = new ScriptedCollectorProvider("memory", 10, Metric.HEAP_USED_BYTES);
    /** Reads the dump settings. */
    private final FakeDumperProvider dumper = new FakeDumperProvider("fake", 10, DumpKind.THREADS) {
        @Override
        public Object engineSettingsRead(ZprofConfig config) {
            return config.dump();
        }
    };
    private EngineHarness h;

    private void start(ConfigProperties props) {
        FakeLoader loader = new FakeLoader().with(CollectorProvider.class, threads, memory)
                .with(DumperProvider.class, dumper);
        h = new EngineHarness(ConfigBinder.bind(EngineHarness.config(tmp).build(), props), loader);
        h.engine().update(h.engine().config(), props);
        h.start();
    }

    private void update(ConfigProperties props) {
        h.engine().update(ConfigBinder.bind(EngineHarness.config(tmp).build(), props), props);
    }

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void aProvidersOwnSettingRebuildsOnlyItsComponent() {
        start(ConfigProperties.of(Map.of("zprof.collector.threads.mode", "a")));
        update(ConfigProperties.of(Map.of("zprof.collector.threads.mode", "b")));
        assertEquals(2, threads.created(), "its own setting changed: a new one");
        assertEquals(1, threads.closed(), "and the old one closed");
        assertEquals(1, memory.created(), "another collector's setting: kept");
        assertEquals(1, dumper.created(), "kept");
        int before = memory.collects();
        h.cycle();
        assertEquals(before + 1, memory.collects(), "the kept collector still collects in the new generation");
    }

    @Test
    void anEngineSettingRebuildsOnlyTheComponentsThatReadIt() {
        start(ConfigProperties.empty());
        update(ConfigProperties.of(Map.of("zprof.labels.team", "shop")));
        assertEquals(1, threads.created(), "declares it reads no engine setting");
        assertEquals(2, memory.created(), "declares nothing: labels may be read, so rebuilt");
        assertEquals(1, dumper.created(), "reads the dump settings only");
        update(ConfigProperties.of(Map.of("zprof.labels.team", "shop", "zprof.dump.maxfiles", "7")));
        assertEquals(2, dumper.created(), "its settings changed");
        assertEquals(1, dumper.closed());
        assertEquals(1, threads.created());
    }

    @Test
    void aFailedUpdateClosesWhatItBuiltAndKeepsEveryComponentInForceOpen() {
        start(ConfigProperties.empty());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> update(ConfigProperties.of(
                Map.of("zprof.collector.threads.mode", "bad", "zprof.labels.team", "shop"))));
        assertEquals("zprof.collector.threads.mode", e.key());
        assertEquals(memory.created() - 1, memory.closed(), "what the failed update built is closed, nothing else");
        assertEquals(0, threads.closed(), "the collectors in force stay open");
        assertEquals(0, dumper.closed());
        int before = threads.collects();
        h.cycle();
        assertEquals(before + 1, threads.collects(), "and in use");
        assertEquals(0, memory.usedAfterClose());
    }
}
