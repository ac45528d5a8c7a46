package io.zprof.benchmarks.core;

import io.zprof.api.config.ConfigProperties;
import io.zprof.core.Zprof;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * One collect-and-evaluate cycle of the engine: every collector selected, derived metrics, history, and the four
 * threshold rules evaluated (quiet: thresholds are out of reach, as in steady state). {@code collectors=jvm}
 * disables the platform collectors so the JDK-only fallback supplies everything.
 *
 * <p>Run: {@code java -jar zprof-benchmarks/target/benchmarks.jar CycleBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CycleBenchmark {
    /** Which collectors may be selected: the JDK fallback only, or whatever is best on this platform. */
    @Param({"jvm", "platform"})
    public String collectors;

    private Zprof zprof;

    /** Starts an engine whose scheduler never fires during the run; the benchmark drives cycles itself. */
    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> props = new java.util.HashMap<>();
        String[] kv = {"zprof.interval", "1h", "zprof.warmup", "0",
            "zprof.cpu.enabled", "true", "zprof.cpu.min", "99", "zprof.cpu.abs", "100",
            "zprof.memory.enabled", "true", "zprof.memory.min", "99", "zprof.memory.abs", "100",
            "zprof.threads.enabled", "true", "zprof.threads.min", "90000",
            "zprof.osthreads.enabled", "true", "zprof.osthreads.min", "90000"};
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        props.put("zprof.dump.path", System.getProperty("java.io.tmpdir") + "/zprof-bench-dumps");
        if ("jvm".equals(collectors)) {
            props.put("zprof.providers.disabled", "cgroup,oshi");
        }
        zprof = Zprof.builder().properties(ConfigProperties.of(props)).configure(b -> b.collectInterval(Duration.ofHours(1))).build();
        zprof.start();
    }

    /** Stops the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        zprof.stop();
    }

    /** One cycle. */
    @Benchmark
    public void cycle() {
        zprof.sampleNow();
    }
}
