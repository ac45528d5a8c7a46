package io.zprof.benchmarks.dumper;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of writing the pre-trigger window ({@code window.jfr}, binary only) while a CPU-bound thread keeps the
 * ring busy. Each iteration is 10 s long so the ring holds what it would hold in service; one dump is taken at
 * the end of each iteration period, as a single shot, so its size reflects 10 s+ of recording.
 *
 * <p>Run: see docs/benchmarks-dumper.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 10)
@Fork(1)
@Threads(1)
public class WindowDumpBenchmark {
    private Dumper dumper;
    private DumperHarness.ScratchOutput output;
    private Thread load;
    private volatile boolean stop;

    /** The size of each window file, reported next to the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FileSize {
        /** Bytes of window files written in the iteration. */
        public long windowBytes;
    }

    /** Starts the window and the CPU load. @throws IOException when the scratch directory cannot be made */
    @Setup(Level.Trial)
    public void start() throws IOException {
        ZprofConfig config = ZprofConfig.defaults().toBuilder()
                .dump(d -> d.window(d.build().window().enabled(true).maxAge(Duration.ofMinutes(2)))).build();
        dumper = DumperHarness.create("jfr", config);
        output = new DumperHarness.ScratchOutput();
        load = new Thread(() -> {
            while (!stop) {
                CpuWork.mix(10_000);
            }
        }, "bench-load");
        load.setDaemon(true);
        load.start();
    }

    /**
     * Lets the ring fill for 10 s before each measured dump, like a window that has been running.
     *
     * @throws InterruptedException when interrupted
     */
    @Setup(Level.Iteration)
    public void fill() throws InterruptedException {
        Thread.sleep(10_000);
    }

    /** Stops the load and closes the dumper. @throws Exception when joining fails */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        stop = true;
        load.join();
        dumper.close();
        output.delete();
    }

    /**
     * @param size where the file size is counted
     * @return the outcome, so the call is not dead code
     * @throws IOException when the dump fails
     */
    @Benchmark
    public DumpOutcome dumpWindow(FileSize size) throws IOException {
        DumpOutcome outcome = dumper.dump(new DumpRequest(DumpKind.WINDOW, "bench", "bench", "bench", Instant.now(),
                null, true, false, List.of(), output));
        size.windowBytes += output.clear();
        return outcome;
    }
}
