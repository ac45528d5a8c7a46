package io.zprof.core.internal.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.ComponentProvider;
import io.zprof.core.fixtures.TestProviderContext;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JDK-only fallback collector against the JVM it runs in. */
class JvmCollectorTest {
    private final JvmCollectorProvider provider = new JvmCollectorProvider();

    /** One collect(), each metric with its value and source; fails if a metric is reported twice. */
    private static Map<Metric, Object[]> collect(Collector c) {
        Map<Metric, Object[]> out = new LinkedHashMap<>();
        c.collect((m, v, s) -> {
            if (out.put(m, new Object[] {v, s}) != null) {
                throw new AssertionError(m + " reported twice in one cycle");
            }
        });
        return out;
    }

    private static double value(Map<Metric, Object[]> sample, Metric m) {
        Object[] e = sample.get(m);
        if (e == null) {
            throw new AssertionError("no " + m + " in " + sample.keySet());
        }
        return (double) e[0];
    }

    private static MetricSource source(Map<Metric, Object[]> sample, Metric m) {
        return (MetricSource) sample.get(m)[1];
    }

    @Test
    void isTheAlwaysAvailableLowestPriorityProvider() {
        assertEquals("jvm", provider.name());
        assertEquals(ComponentProvider.PRIORITY_FALLBACK, provider.priority());
        assertTrue(provider.availability(TestProviderContext.defaults()).available());
    }

    @Test
    void reportsExactlyTheMetricsItDeclares() {
        try (Collector c = provider.create(TestProviderContext.defaults())) {
            assertEquals(provider.metrics(), collect(c).keySet());
            assertTrue(provider.metrics().stream().noneMatch(m -> m.kind() == Metric.Kind.DERIVED));
        }
    }

    @Test
    void processCpuTimeGrowsUnderABusyLoop() {
        try (Collector c = provider.create(TestProviderContext.defaults())) {
            double before = value(collect(c), Metric.PROCESS_CPU_NANOS);
            assertEquals(MetricSource.JVM, source(collect(c), Metric.PROCESS_CPU_NANOS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            double now = before;
            long sink = 0;
            // spin until 20 ms of CPU were consumed (the bound only keeps a broken collector from hanging the test)
            while (now < before + 20_000_000 && System.nanoTime() < deadline) {
                for (int i = 0; i < 100_000; i++) {
                    sink += Long.numberOfTrailingZeros(i * 31L + sink);
                }
                now = value(collect(c), Metric.PROCESS_CPU_NANOS);
            }
            assertTrue(now >= before + 20_000_000, "CPU time went from " + before + " to " + now + " ns (" + sink + ")");
        }
    }

    @Test
    void jvmThreadsFollowTheThreadMxBean() throws InterruptedException {
        try (Collector c = provider.create(TestProviderContext.defaults())) {
            double before = value(collect(c), Metric.JVM_THREADS);
            assertEquals(ManagementFactory.getThreadMXBean().getThreadCount(), before, 3);

            CountDownLatch release = new CountDownLatch(1);
            List<Thread> parked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "jvm-collector-test-" + i);
                t.setDaemon(true);
                t.start();
                parked.add(t);
            }
            try {
                Map<Metric, Object[]> during = collect(c);
                assertEquals(ManagementFactory.getThreadMXBean().getThreadCount(), value(during, Metric.JVM_THREADS), 3);
                assertTrue(value(during, Metric.JVM_THREADS) >= before + 8 - 3,
                        "8 more threads: " + before + " -> " + value(during, Metric.JVM_THREADS));
                assertEquals(MetricSource.JVM, source(during, Metric.JVM_THREADS));
            } finally {
                release.countDown();
                for (Thread t : parked) {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        }
    }

    @Test
    void rssIsAnApproximationAndSaysSo() {
        try (Collector c = provider.create(TestProviderContext.defaults())) {
            Map<Metric, Object[]> s = collect(c);
            assertEquals(MetricSource.JVM_APPROXIMATION, source(s, Metric.RSS_BYTES));
            double rss = value(s, Metric.RSS_BYTES);
            assertTrue(rss >= Runtime.getRuntime().totalMemory() / 2.0, "committed heap + non-heap: " + rss);
            assertTrue(rss < value(s, Metric.MEMORY_LIMIT_BYTES), "below the machine's memory: " + rss);
        }
    }

    @Test
    void limitsAndHeapComeFromTheJvm() {
        try (Collector c = provider.create(TestProviderContext.defaults())) {
            Map<Metric, Object[]> s = collect(c);
            assertEquals(Runtime.getRuntime().availableProcessors(), value(s, Metric.CPU_LIMIT_CORES));
            assertEquals(Runtime.getRuntime().maxMemory(), value(s, Metric.HEAP_MAX_BYTES));
            double used = value(s, Metric.HEAP_USED_BYTES);
            assertTrue(used > 0 && used <= value(s, Metric.HEAP_MAX_BYTES), "heap used " + used);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            assertEquals(os.getTotalMemorySize(), value(s, Metric.MEMORY_LIMIT_BYTES));
            for (Metric m : List.of(Metric.CPU_LIMIT_CORES, Metric.HEAP_MAX_BYTES, Metric.HEAP_USED_BYTES, Metric.MEMORY_LIMIT_BYTES)) {
                assertEquals(MetricSource.JVM, source(s, m), m.toString());
            }
        }
    }

    @Test
    void closeIsIdempotent() {
        Collector c = provider.create(TestProviderContext.defaults());
        c.close();
        c.close();
    }
}
