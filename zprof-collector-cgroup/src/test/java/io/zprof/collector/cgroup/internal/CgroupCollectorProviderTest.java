package io.zprof.collector.cgroup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigurationException;
import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.testing.TestProviderContext;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
        assertEquals(Availability.ok(), provider.availability(TestProviderContext.of(Map.of()).forbiddingThreads()));
    }

    @Test
    void unavailableOffLinuxSayingWhichOs() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Mac OS X");
            assertEquals(Availability.unavailable("not Linux: Mac OS X"), provider.availability(TestProviderContext.of(Map.of()).forbiddingThreads()));
        } finally {
            System.setProperty("os.name", os);
        }
    }

    @Test
    void unavailableWithoutTheProcessStatusFile() {
        Fixture f = Fixture.load(dir, "v2");
        f.delete("/proc/self/status");
        Availability a = provider.availability(f.context(1, true));
        assertFalse(a.available());
        assertEquals("no " + f.root().resolve("proc/self/status"), a.reason());
    }

    @Test
    void onTheRealSystemTheCpuTimeComesFromTheJvmAndEverythingHasAValue() {
        try (Collector c = provider.create(TestProviderContext.of(Map.of()).forbiddingThreads())) {
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
    void osThreadsAndRssFollowTheRealProcess() throws InterruptedException {
        try (Collector c = provider.create(TestProviderContext.of(Map.of()).forbiddingThreads())) {
            RecordingSink before = RecordingSink.collect(c);
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> parked = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Thread t = new Thread(() -> awaitQuietly(release), "parked-" + i);
                t.start();
                parked.add(t);
            }
            ByteBuffer touched = ByteBuffer.allocateDirect(64 * 1024 * 1024); // zeroed, so every page is resident
            try {
                RecordingSink after = RecordingSink.collect(c);
                // 40 started; a few threads left by earlier tests in this JVM may end in between
                assertTrue(after.value(Metric.OS_THREADS) - before.value(Metric.OS_THREADS) >= 35,
                        before + " -> " + after);
                assertTrue(after.value(Metric.RSS_BYTES) - before.value(Metric.RSS_BYTES) >= 48 * 1024 * 1024,
                        "RSS before " + before.value(Metric.RSS_BYTES) + ", after " + after.value(Metric.RSS_BYTES));
            } finally {
                release.countDown();
                for (Thread t : parked) {
                    t.join();
                }
            }
            assertEquals(64 * 1024 * 1024, touched.capacity());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

        // validate() (an engine that is stopped) parses the same settings and opens nothing
        assertEquals("zprof.collector.cgroup.refreshcycles", assertThrows(ConfigurationException.class,
                () -> provider.validate(context(Map.of("zprof.collector.cgroup.refreshcycles", "0")))).key());
        provider.validate(context(Map.of("zprof.collector.cgroup.refreshcycles", "6")));
    }

    @Test
    void badSettingsLeaveItAvailableSoThatCreateReportsThem() {
        assertTrue(provider.availability(context(Map.of("zprof.collector.cgroup.refreshcycles", "x"))).available());
    }

    private static TestProviderContext context(Map<String, String> properties) {
        return TestProviderContext.of(properties).forbiddingThreads();
    }
}
