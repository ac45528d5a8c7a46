package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupCollectorProviderTest {
    private final CgroupCollectorProvider provider = new CgroupCollectorProvider();

    @TempDir
    Path dir;

    @Test
    void nameAndPriorityPlaceItAboveThePortableCollectors() {
        assertEquals("cgroup", provider.name());
        assertEquals(ComponentProvider.PRIORITY_PLATFORM, provider.priority());
        assertTrue(provider.priority() > ComponentProvider.PRIORITY_PORTABLE);
    }

    @Test
    void declaresOnlyRawMetrics() {
        assertEquals(10, provider.metrics().size());
        assertTrue(provider.metrics().stream().noneMatch(m -> m.kind() == Metric.Kind.DERIVED));
        assertThrows(UnsupportedOperationException.class, () -> provider.metrics().add(Metric.CPU_PERCENT));
    }

    @Test
    void availableOnThisLinuxMachine() {
        assertEquals(Availability.ok(), provider.availability(TestContext.system()));
    }

    @Test
    void unavailableOffLinuxSayingWhichOs() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Mac OS X");
            assertEquals(Availability.unavailable("not Linux: Mac OS X"), provider.availability(TestContext.system()));
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void unavailableWithoutTheProcessStatusFile() {
        Fixture f = Fixture.load(dir, "v2");
        f.delete("/proc/self/status");
        Availability a = provider.availability(TestContext.fixture(f.root(), 1, true));
        assertFalse(a.available());
        assertEquals("no " + f.root().resolve("proc/self/status"), a.reason());
    }

    @Test
    void onTheRealSystemTheCpuTimeComesFromTheJvmAndEverythingHasAValue() {
        try (Collector c = provider.create(TestContext.system())) {
            RecordingSink s = RecordingSink.collect(c);
            assertEquals(MetricSource.JVM, s.source(Metric.PROCESS_CPU_NANOS));
            assertTrue(s.value(Metric.PROCESS_CPU_NANOS) > 0);
            assertEquals(MetricSource.PROCFS, s.source(Metric.RSS_BYTES));
            assertTrue(s.value(Metric.RSS_BYTES) > 1024 * 1024);
            assertTrue(s.value(Metric.OS_THREADS) >= Thread.activeCount());
            assertTrue(s.value(Metric.MEMORY_LIMIT_BYTES) > 0);
            assertTrue(s.value(Metric.CPU_LIMIT_CORES) > 0);
        }
    }

    @Test
    void badSettingsFailNamingTheFullKey() {
        ConfigurationException root = assertThrows(ConfigurationException.class, () -> provider.create(
                context(Map.of("zprof.collector.cgroup.root", dir.resolve("missing").toString()))));
        assertEquals("zprof.collector.cgroup.root", root.key());
        assertTrue(root.getMessage().contains(dir.resolve("missing").toString()));

        ConfigurationException refresh = assertThrows(ConfigurationException.class, () -> provider.create(
                context(Map.of("zprof.collector.cgroup.refreshcycles", "0"))));
        assertEquals("zprof.collector.cgroup.refreshcycles", refresh.key());

        ConfigurationException self = assertThrows(ConfigurationException.class, () -> provider.create(
                context(Map.of("zprof.collector.cgroup.self", "../1"))));
        assertEquals("zprof.collector.cgroup.self", self.key());
    }

    @Test
    void badSettingsLeaveItAvailableSoThatCreateReportsThem() {
        assertTrue(provider.availability(context(Map.of("zprof.collector.cgroup.refreshcycles", "x"))).available());
    }

    private static TestContext context(Map<String, String> properties) {
        return new TestContext(ZprofConfig.defaults(), properties);
    }
}
