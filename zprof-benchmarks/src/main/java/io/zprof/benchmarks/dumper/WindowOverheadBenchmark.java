package io.zprof.benchmarks.dumper;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.port.Dumper;
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

/**
 * Throughput of a CPU-bound workload with the continuous pre-trigger window off and on (JFR "default" settings
 * less the secret-bearing events, execution samples every 20 ms, 2 min / 32 MiB ring). The target is a loss of
 * at most 2 %.
 *
 * <p>Run: see docs/benchmarks-dumper.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
public class WindowOverheadBenchmark {
    @Param({"off", "on"})
    String window;

    private Dumper dumper;

    /** Creates the jfr dumper, which starts the window when the parameter says so. */
    @Setup
    public void start() {
        ZprofConfig config = ZprofConfig.defaults().toBuilder()
                .dump(d -> d.window(d.build().window().enabled("on".equals(window)))).build();
        dumper = DumperHarness.create("jfr", config);
    }

    /** Closes the dumper and its window. */
    @TearDown
    public void stop() {
        dumper.close();
    }

    /** @return the work's result, so it is not dead code */
    @Benchmark
    public long cpuBoundWork() {
        return CpuWork.mix(100_000);
    }
}
