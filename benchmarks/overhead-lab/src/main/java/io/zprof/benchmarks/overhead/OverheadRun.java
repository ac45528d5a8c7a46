package io.zprof.benchmarks.overhead;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.config.ZprofConfig;
import io.zprof.core.Zprof;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One child-JVM run of the overhead harness: a workload for a fixed time with zprof in one mode; prints
 * {@code RESULT key=value} lines.
 */
public final class OverheadRun {
    /** How zprof runs, and how far the JIT has compiled its sampling cycle. */
    enum Mode {
        /** zprof not created. */
        OFF(false, Jit.NONE, false),
        /** zprof with default settings and every threshold rule enabled at thresholds that are not crossed; C2. */
        ON(false, Jit.C2, false),
        /** as ON, plus the continuous pre-trigger JFR window. */
        WINDOW(true, Jit.C2, false),
        /** as ON in a service's first minutes: the cycle still runs in the interpreter. */
        ON_INTERPRETED(false, Jit.INTERPRETED, false),
        /** as ON in a service's first hours: the cycle is compiled by C1 with profiling. */
        ON_C1(false, Jit.C1, false),
        /** as ON in a service that has had one capture (JFR then stays initialised: JDK-8302821 on JDK 17). */
        ON_AFTER_CAPTURE(false, Jit.C2, true),
        /** zprof stopped after one capture: what it leaves behind in the JVM. */
        OFF_AFTER_CAPTURE(false, Jit.NONE, true);

        final boolean window;
        final Jit jit;
        final boolean captureFirst;

        Mode(boolean window, Jit jit, boolean captureFirst) {
            this.window = window;
            this.jit = jit;
            this.captureFirst = captureFirst;
        }
    }

    /**
     * Where the JIT stands with zprof's cycle. At the default 5 s interval the cycle runs 12 times a minute: HotSpot
     * interprets it for its first ~200 runs (~17 minutes), runs C1's profiling code until ~5,000 runs (~7 hours) and
     * C2's code after that. The harness reaches each state with cycles run back to back ({@code sampleNow()}) and
     * through the sampler's own loop at a short interval while the workload warms up, before measuring at 5 s.
     */
    enum Jit {
        /** zprof not running. */
        NONE(0, null, 0),
        /** 20 cycles: classes loaded and initialised, nothing compiled (tier-3 threshold: 200 invocations). */
        INTERPRETED(20, null, 0),
        /** 800 cycles back to back, then ~200 through the loop at 50 ms: past C1's threshold, below C2's (5,000). */
        C1(800, Duration.ofMillis(50), 0),
        /**
         * 5,000 cycles, then the loop every 10 ms while the workload warms up, then 5,000 more. Back-to-back cycles
         * never take some branches a real cycle takes (CPU % needs 50 ms between samples; cgroup usage moves with
         * the workload), so C2's first code traps on them and goes back to the interpreter at the first real cycle.
         * The loop puts those branches into the profile and the second batch compiles it again, as a service's
         * profile holds them after hours of real cycles.
         */
        C2(5000, Duration.ofMillis(10), 5000);

        final int firstBatch;
        final Duration loopInterval;
        final int secondBatch;

        Jit(int firstBatch, Duration loopInterval, int secondBatch) {
            this.firstBatch = firstBatch;
            this.loopInterval = loopInterval;
            this.secondBatch = secondBatch;
        }
    }

    /** Keeps the JIT from dropping the workload's results. */
    private static volatile long blackhole;

    private OverheadRun() {
    }

    /** @param args workload, mode, seconds, dump directory */
    public static void main(String[] args) throws Exception {
        Workload w = Workload.valueOf(args[0]);
        Mode mode = Mode.valueOf(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path dumps = Path.of(args[3]);
        if (mode.captureFirst) {
            captureOnce(dumps.resolve("first"));
        }
        System.gc();
        long heapBefore = usedHeapAfterGc();
        Zprof zprof = null;
        if (mode.jit != Jit.NONE) {
            zprof = productionLike(dumps, mode.window);
            zprof.start();
            cycles(zprof, mode.jit.firstBatch);
        }
        long heapWithZprof = usedHeapAfterGc();
        long interval = ZprofConfig.defaults().collectInterval().toNanos();
        // in every mode, off included, so that every mode pays for the two threads the controls add
        int capacity = (int) (Duration.ofSeconds(seconds).toNanos() / interval) + 8;
        WakeControl control = new WakeControl(interval, capacity);
        control.start();
        // the cheapest cycle that reads what zprof's reads, a quarter period away from both; Linux only
        WakeControl floor = floorControl(interval, capacity);
        if (floor != null) {
            floor.start();
        }
        warmUp(zprof, mode.jit, w, Duration.ofSeconds(Math.max(3, seconds / 5)));
        // the sampler's deadlines run from the end of the warm-up (its interval was set back there)
        long now = System.nanoTime();
        control.schedule(now + interval / 2, samplerThreadId());
        if (floor != null) {
            floor.schedule(now + interval / 4, -1);
        }
        long sink = 0;
        long[] lat = new long[4_000_000];
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        long cycles0 = cycles(zprof);
        Map<Long, Long> zprofCpu0 = threadCpu(tm, "zprof-");
        Map<Long, Long> jfrCpu0 = threadCpu(tm, "JFR");
        long events0 = counter(zprof, "events");
        long gcs0 = collectionsSoFar();
        long allocated0 = allocatedByThisThread();
        long t0 = System.nanoTime();
        long[] count = new long[1];
        sink += runTimed(w, Duration.ofSeconds(seconds), lat, count);
        long elapsed = System.nanoTime() - t0;
        long allocated = allocatedByThisThread() - allocated0;
        long gcs = collectionsSoFar() - gcs0;
        long zprofCpu = cpuSince(zprofCpu0, threadCpu(tm, "zprof-"));
        long cycles = cycles(zprof) - cycles0;
        long jfrCpu = cpuSince(jfrCpu0, threadCpu(tm, "JFR"));
        control.stop();
        if (floor != null) {
            floor.stop();
        }
        // a rule that fired during the measurement would put a capture's cost into the figures
        System.out.println("RESULT events=" + (counter(zprof, "events") - events0));
        long[] sorted = Arrays.copyOf(lat, (int) Math.min(count[0], lat.length));
        Arrays.sort(sorted);
        double minutes = elapsed / 60e9;
        System.out.println("RESULT opsPerSec=" + count[0] / (elapsed / 1e9));
        System.out.println("RESULT p99Micros=" + sorted[(int) (sorted.length * 0.99)] / 1000.0);
        System.out.println("RESULT zprofCpuMsPerMin=" + zprofCpu / 1e6 / minutes);
        System.out.println("RESULT jfrCpuMsPerMin=" + jfrCpu / 1e6 / minutes);
        if (cycles > 0) {
            System.out.println("RESULT zprofCpuMicrosPerCycle=" + zprofCpu / 1e3 / cycles);
        }
        long[] wakeCpu = control.wakeCpuNanos();
        if (wakeCpu.length > 0) {
            System.out.println("RESULT bareWakeMicros=" + Arrays.stream(wakeCpu).average().orElseThrow() / 1e3);
        }
        // one value per wake-up or cycle, for the harness to pool over rounds
        series("wakeCpuMicros", wakeCpu);
        series("wakeLateMicros", control.wakeLateNanos());
        series("samplerCycleCpuMicros", control.samplerCycleCpuNanos());
        if (floor != null) {
            series("floorCpuMicros", floor.wakeCpuNanos());
        }
        System.out.println("RESULT workloadAllocMBPerSec=" + allocated / 1e6 / (elapsed / 1e9));
        System.out.println("RESULT gcsPerSec=" + gcs / (elapsed / 1e9));
        System.out.println("RESULT retainedKiB=" + Math.max(0, heapWithZprof - heapBefore) / 1024.0);
        System.out.println("RESULT sink=" + (sink & 1));
        if (zprof != null) {
            zprof.stop();
        }
    }

    /**
     * @param dumps  where captures would go
     * @param window whether the continuous pre-trigger window records
     * @return zprof as a service would run it: the default 5 s interval, every threshold rule on, nothing crossed
     */
    static Zprof productionLike(Path dumps, boolean window) {
        return Zprof.builder().properties(ConfigProperties.of(Map.of("zprof.dump.path", dumps.resolve("d").toString())))
                .configure(c -> c
                        // CPU % is of the CPUs the process may use; tick noise and GC threads beside a busy workload
                        // can read 100 %, so the harness's "not crossed" threshold sits where nothing reaches
                        .cpu(r -> r.enabled(true).min(190).abs(200))
                        .memory(r -> r.enabled(true).min(99).abs(100))
                        .threads(r -> r.enabled(true).min(50_000))
                        .osThreads(r -> r.enabled(true).min(50_000))
                        .dump(d -> d.window(win -> win.enabled(window))))
                .build();
    }

    /**
     * Makes one cpu capture with an instance of its own whose threads rule fires at once, waits until its file is
     * written, and stops that instance, as in a service whose rule fired once.
     */
    private static void captureOnce(Path dumps) throws IOException, InterruptedException {
        Zprof capturing = Zprof.builder().properties(ConfigProperties.of(Map.of(
                "zprof.dump.path", dumps.toString(), "zprof.dump.cpuduration", "1s", "zprof.warmup", "1",
                "zprof.threads.enabled", "true", "zprof.threads.min", "1", "zprof.threads.abs", "1",
                "zprof.threads.dumps", "cpu"))).build();
        capturing.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!hasFileEndingIn(dumps, ".jfr")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the first capture wrote no .jfr file in a minute under " + dumps);
            }
            capturing.sampleNow();
            Thread.sleep(200);
        }
        capturing.stop();
        System.out.println("NOTE one cpu capture made and its instance stopped before measuring");
    }

    private static boolean hasFileEndingIn(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // a file still being written has a temporary name starting with a dot
            return files.map(f -> f.getFileName().toString()).anyMatch(n -> !n.startsWith(".") && n.endsWith(suffix));
        }
    }

    /** Prints one {@code SERIES name=v,v,...} line, in microseconds, for {@link OverheadHarness#readSeries}. */
    static void series(String name, long[] nanos) {
        StringBuilder line = new StringBuilder("SERIES ").append(name).append('=');
        for (int i = 0; i < nanos.length; i++) {
            line.append(i == 0 ? "" : ",").append(nanos[i] / 1000);
        }
        System.out.println(line);
    }

    /**
     * @return a control that runs the {@link FloorCycle} at each wake-up, or null where the floor's files are missing
     *         (not Linux, no memory cgroup), said on the output
     */
    private static WakeControl floorControl(long interval, int capacity) {
        try {
            return new WakeControl("floor-control", interval, capacity, new FloorCycle());
        } catch (UncheckedIOException e) {
            System.out.println("NOTE no floor control here: " + e.getMessage() + " (" + e.getCause().getMessage() + ")");
            return null;
        }
    }

    /** @return the id of zprof's live sampler thread, or -1 when zprof is off */
    private static long samplerThreadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("zprof-sampler"))
                .mapToLong(Thread::getId).findFirst().orElse(-1);
    }

    static void cycles(Zprof zprof, int n) {
        for (int i = 0; i < n; i++) {
            zprof.sampleNow();
        }
    }

    /**
     * Warms up the workload's JIT on the calling thread and brings zprof's cycle to the JIT state asked for: the
     * sampler's own loop runs at the state's short interval while the workload runs, then the second batch of cycles
     * back to back (see {@link Jit}); zprof is left at the default interval.
     *
     * @param zprof        zprof after the state's first batch of cycles, or null with {@link Jit#NONE}
     * @param workloadTime how long the workload runs
     * @return the workload's ops per second over the warm-up
     */
    static double warmUp(Zprof zprof, Jit jit, Workload w, Duration workloadTime) {
        if (jit.loopInterval != null) {
            // dry run: at 10 ms, CPU % over 50 ms spans of 10 ms ticks can read above 100 % and fire the rule
            zprof.update(c -> c.collectInterval(jit.loopInterval).dryRun(true));
        }
        double opsPerSec = run(w, workloadTime);
        if (jit.loopInterval != null) {
            zprof.update(c -> c.collectInterval(ZprofConfig.defaults().collectInterval()).dryRun(false));
            cycles(zprof, jit.secondBatch);
        }
        return opsPerSec;
    }

    /** @return ops per second of the workload run on the calling thread for the given time */
    private static double run(Workload w, Duration d) {
        long start = System.nanoTime();
        long end = start + d.toNanos();
        long sink = 0;
        long i = 0;
        while (System.nanoTime() < end) {
            sink += w.op(i++);
        }
        // where the results go so that the JIT cannot drop the work
        blackhole += sink;
        return i / ((System.nanoTime() - start) / 1e9);
    }

    /** Counts every op; latencies are kept for the first {@code lat.length} (enough for a p99). */
    private static long runTimed(Workload w, Duration d, long[] lat, long[] count) {
        long end = System.nanoTime() + d.toNanos();
        long sink = 0;
        long n = 0;
        long now = System.nanoTime();
        while (now < end) {
            sink += w.op(n);
            long after = System.nanoTime();
            if (n < lat.length) {
                lat[(int) n] = after - now;
            }
            n++;
            now = after;
        }
        count[0] = n;
        return sink;
    }

    private static long cycles(Zprof zprof) {
        return counter(zprof, "cycles");
    }

    private static long counter(Zprof zprof, String name) {
        return zprof == null ? 0 : zprof.status().counters().get(name);
    }

    /** @return CPU nanoseconds of the live threads whose name starts with the prefix, by thread id */
    private static Map<Long, Long> threadCpu(ThreadMXBean tm, String prefix) {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long c = Math.max(0, tm.getThreadCpuTime(t.getId()));
                // per thread, for whoever reads the child's output (the harness keeps only RESULT lines)
                System.out.println("THREAD " + t.getName() + " cpuMillis=" + c / 1e6);
                cpu.put(t.getId(), c);
            }
        }
        return cpu;
    }

    /**
     * @return CPU used between the two snapshots: by threads alive at both, and all of it for threads started in
     *         between (a thread that ended in between is missing from both sums instead of making them negative)
     */
    private static long cpuSince(Map<Long, Long> before, Map<Long, Long> after) {
        long total = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            total += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return total;
    }

    /** @return bytes the calling thread has allocated so far (the workload runs on it) */
    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long collectionsSoFar() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
