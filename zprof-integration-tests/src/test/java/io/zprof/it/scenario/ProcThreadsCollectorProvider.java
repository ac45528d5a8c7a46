package io.zprof.it.scenario;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Test-only stand-in for the platform collectors' OS thread count ({@code Threads:} of {@code /proc/self/status}),
 * which the engine's JDK fallback cannot see. Its priority is below the cgroup and OSHI collectors, so once one of
 * them is on the class path it supplies the number and this provider stands by.
 */
public final class ProcThreadsCollectorProvider implements CollectorProvider {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Service-loader constructor. */
    public ProcThreadsCollectorProvider() {
    }

    @Override
    public String name() {
        return "itprocthreads";
    }

    @Override
    public int priority() {
        return (PRIORITY_FALLBACK + PRIORITY_PORTABLE) / 2;
    }

    @Override
    public Set<Metric> metrics() {
        return Set.of(Metric.OS_THREADS);
    }

    @Override
    public Availability availability(ProviderContext context) {
        return Files.isReadable(STATUS) ? Availability.ok() : Availability.unavailable("no " + STATUS);
    }

    @Override
    public Collector create(ProviderContext context) {
        return sink -> {
            try {
                for (String line : Files.readAllLines(STATUS)) {
                    if (line.startsWith("Threads:")) {
                        sink.accept(Metric.OS_THREADS, Double.parseDouble(line.substring(8).trim()), MetricSource.PROCFS);
                    }
                }
            } catch (IOException e) {
                // a collector reports what it can read and skips the rest
            }
        };
    }
}
