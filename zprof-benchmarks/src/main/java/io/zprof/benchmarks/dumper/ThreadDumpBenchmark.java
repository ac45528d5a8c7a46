package io.zprof.benchmarks.dumper;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.model.DumpRequest;
import io.zprof.api.port.Dumper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
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
 * Cost of a zprof thread dump ({@code threads.txt}: dumpAllThreads with locked monitors, CPU and allocation per
 * thread, deadlock check, jstack text, file write) with 100 and 1,000 extra threads parked 20 frames deep, next to
 * the bare {@code dumpAllThreads(true, false)} it is built on.
 *
 * <p>Run: see docs/benchmarks-dumper.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ThreadDumpBenchmark {
    private static final int DEPTH = 20;

    @Param({"100", "1000"})
    int threads;

    private final List<Thread> parked = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private Dumper dumper;
    private DumperHarness.ScratchOutput output;

    /** Starts the parked threads and the dumper. @throws Exception when a thread cannot start */
    @Setup(Level.Trial)
    public void startThreads() throws Exception {
        CountDownLatch started = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> parkDeep(DEPTH, started), "bench-parked-" + i);
            t.setDaemon(true);
            t.start();
            parked.add(t);
        }
        started.await();
        output = new DumperHarness.ScratchOutput();
        dumper = DumperHarness.create("hotspot", ZprofConfig.defaults());
    }

    private void parkDeep(int depth, CountDownLatch started) {
        if (depth > 0) {
            parkDeep(depth - 1, started);
            return;
        }
        Object held = new Object();
        synchronized (held) { // a locked monitor on every stack, as in a real service
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Releases the threads and closes the dumper. @throws Exception when joining fails */
    @TearDown(Level.Trial)
    public void stopThreads() throws Exception {
        release.countDown();
        for (Thread t : parked) {
            t.join();
        }
        dumper.close();
        output.delete();
    }

    /** Deletes the dumps of the iteration. @throws IOException when they cannot be deleted */
    @TearDown(Level.Iteration)
    public void clearFiles() throws IOException {
        output.clear();
    }

    /**
     * @return the outcome, so the call is not dead code
     * @throws IOException when the dump fails
     */
    @Benchmark
    public DumpOutcome zprofThreadDumpText() throws IOException {
        return dumper.dump(new DumpRequest(DumpKind.THREADS, "bench", "bench", "bench", Instant.now(), null, false,
                true, List.of(), output));
    }

    /** @return the raw thread infos: the JVM's share of the cost */
    @Benchmark
    public ThreadInfo[] bareDumpAllThreads() {
        return ManagementFactory.getThreadMXBean().dumpAllThreads(true, false);
    }
}
