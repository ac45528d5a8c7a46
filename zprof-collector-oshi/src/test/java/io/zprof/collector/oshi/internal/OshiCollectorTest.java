package io.zprof.collector.oshi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.testing.TestProviderContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The OSHI collector on this real process, checked against the kernel's own files where they exist (Linux). */
class OshiCollectorTest {
    private static volatile long blackhole;

    private final Collector collector = new OshiCollectorProvider().create(TestProviderContext.of(Map.of()).forbiddingThreads());

    @AfterEach
    void close() {
        collector.close();
    }

    private Map<Metric, Double> collect() {
        Map<Metric, Double> values = new LinkedHashMap<>();
        collector.collect((metric, value, source) -> {
            assertEquals(MetricSource.OSHI, source);
            assertEquals(null, values.put(metric, value), metric + " reported twice");
        });
        return values;
    }

    @Test
    void reportsEveryDeclaredMetricEachCycle() {
        for (int i = 0; i < 3; i++) {
            assertEquals(new OshiCollectorProvider().metrics(), collect().keySet());
        }
    }

    @Test
    void processCpuTimeFollowsTheCpuThisProcessBurns() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double before = collect().get(Metric.PROCESS_CPU_NANOS);
        long threadStart = threads.getCurrentThreadCpuTime();
        long x = 0;
        while (threads.getCurrentThreadCpuTime() - threadStart < 300_000_000L) {
            x += x * 31 + 7;
        }
        blackhole = x;
        double after = collect().get(Metric.PROCESS_CPU_NANOS);
        assertTrue(after - before >= 250_000_000L, "OSHI saw " + (after - before) + " ns for 300 ms burnt");
    }

    @Test
    void agreesWithTheKernelOnLinux() throws IOException {
        Path status = Path.of("/proc/self/status");
        Assumptions.assumeTrue(Files.isReadable(status), "no /proc: the Linux cross-check does not apply here");
        Map<Metric, Double> v = collect();
        String text = Files.readString(status);
        long rssKib = number(text, "VmRSS:\\s+(\\d+) kB");
        long threads = number(text, "Threads:\\s+(\\d+)");
        // both read moments apart from a live JVM: within 16 MiB and 8 threads
        assertEquals(rssKib * 1024.0, v.get(Metric.RSS_BYTES), 16 * 1024 * 1024);
        assertEquals(threads, v.get(Metric.OS_THREADS), 8);
        long memTotalKib = number(Files.readString(Path.of("/proc/meminfo")), "MemTotal:\\s+(\\d+) kB");
        assertEquals(memTotalKib * 1024.0, v.get(Metric.MEMORY_LIMIT_BYTES));
        assertTrue(v.get(Metric.CPU_LIMIT_CORES) >= 1);
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return Long.parseLong(m.group(1));
    }
}
