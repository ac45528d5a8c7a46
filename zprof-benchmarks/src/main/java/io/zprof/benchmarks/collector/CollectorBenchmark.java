package io.zprof.benchmarks.collector;

import io.zprof.api.model.Metric;
import io.zprof.api.model.MetricSource;
import io.zprof.api.port.Collector;
import io.zprof.api.port.SampleSink;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.CollectorProvider;
import io.zprof.api.spi.ProviderContext;
import io.zprof.testing.TestProviderContext;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost of one collect cycle of each collector, found through {@link ServiceLoader} exactly as the engine finds it.
 * The collector is created once; every invocation is one steady-state cycle, its samples consumed by a
 * {@link Blackhole}. Run with {@code -prof gc} for bytes per cycle ({@code gc.alloc.rate.norm}).
 *
 * <ul>
 *   <li>{@code cgroup}: the default, limits re-read every 12th cycle (amortised into the average);</li>
 *   <li>{@code cgroup-refresh-every-cycle}: limits re-read at every cycle, the worst case;</li>
 *   <li>{@code oshi}: the portable collector, {@code OSProcess.updateAttributes()} per cycle.</li>
 * </ul>
 *
 * Results and the command line are in {@code docs/benchmarks-collectors.md}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CollectorBenchmark {
    /** Which collector, and for the cgroup one how often it re-reads limits. */
    @Param({"cgroup", "cgroup-refresh-every-cycle", "oshi"})
    public String collector;

    private Collector instance;
    private final BlackholeSink sink = new BlackholeSink();

    /** Creates the collector once, as the engine does. */
    @Setup
    public void create() {
        String name = collector.startsWith("cgroup") ? "cgroup" : collector;
        Map<String, String> properties = collector.equals("cgroup-refresh-every-cycle")
                ? Map.of("zprof.collector.cgroup.refreshcycles", "1") : Map.of();
        ProviderContext context = TestProviderContext.of(properties).forbiddingThreads();
        CollectorProvider provider = ServiceLoader.load(CollectorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no collector provider named " + name));
        Availability availability = provider.availability(context);
        if (!availability.available()) {
            throw new IllegalStateException(name + " collector unavailable: " + availability.reason());
        }
        instance = provider.create(context);
    }

    /** Releases the collector's files. */
    @TearDown
    public void close() {
        instance.close();
    }

    /**
     * One cycle.
     *
     * @param blackhole consumes every sample
     */
    @Benchmark
    public void collect(Blackhole blackhole) {
        sink.blackhole = blackhole;
        instance.collect(sink);
    }

    /** A sink that costs nothing but the consumption of its arguments; reused, so it allocates nothing. */
    private static final class BlackholeSink implements SampleSink {
        private Blackhole blackhole;

        @Override
        public void accept(Metric metric, double value, MetricSource source) {
            blackhole.consume(metric);
            blackhole.consume(value);
            blackhole.consume(source);
        }
    }
}
