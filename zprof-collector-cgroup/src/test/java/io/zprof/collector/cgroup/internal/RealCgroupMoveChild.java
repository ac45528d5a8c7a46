package io.zprof.collector.cgroup.internal;

import io.zprof.api.model.Metric;
import io.zprof.api.port.Collector;
import io.zprof.testing.TestProviderContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The program {@link RealKernelCgroupTest} moves to another cgroup while it runs: it collects once (the cgroup
 * collector with its default settings, as the engine creates it), prints the limits and {@code collected}, waits
 * for a line on stdin (the test moves it in between), collects once more and prints the limits again, as
 * {@code key=value} lines on stdout (test code, so printing is the interface).
 */
public final class RealCgroupMoveChild {
    private RealCgroupMoveChild() {
    }

    /**
     * @param args none
     * @throws IOException when stdin fails
     */
    public static void main(String[] args) throws IOException {
        try (Collector collector = new CgroupCollectorProvider().create(TestProviderContext.of(Map.of()).forbiddingThreads())) {
            print("before", RecordingSink.collect(collector));
            System.out.println("collected");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            print("after", RecordingSink.collect(collector));
        }
    }

    private static void print(String prefix, RecordingSink s) {
        System.out.println(prefix + ".memoryLimitBytes=" + (long) s.value(Metric.MEMORY_LIMIT_BYTES));
        System.out.println(prefix + ".memoryLimitSource=" + s.source(Metric.MEMORY_LIMIT_BYTES));
        System.out.println(prefix + ".cpuLimitCores=" + s.value(Metric.CPU_LIMIT_CORES));
        System.out.println(prefix + ".cpuLimitSource=" + s.source(Metric.CPU_LIMIT_CORES));
    }
}
