package io.zprof.dumper.async.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ZprofConfig;
import io.zprof.api.model.DumpKind;
import io.zprof.api.model.DumpOutcome;
import io.zprof.api.port.Dumper;
import io.zprof.api.spi.Availability;
import io.zprof.api.spi.ProviderContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggered captures on the real async-profiler in this JVM, read back with jdk.jfr.consumer. */
class AsyncCaptureTest {
    private static final String CPU = "jdk.ExecutionSample";
    private static final String WALL = "profiler.WallClockSample";
    private static final Object LOCK = new Object();

    @TempDir
    Path dir;
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private Fixtures.Output out;
    private ProviderContext context;

    @BeforeEach
    void loaded() {
        ZprofConfig config = Fixtures.config(dir, d -> d);
        context = Fixtures.context(config);
        Availability a = new AsyncDumperProvider().availability(context);
        assertTrue(a.available(), "async-profiler 4.1 loads on linux-x64: " + a.reason());
        out = new Fixtures.Output(dir);
    }

    @AfterEach
    void releaseWorkers() throws InterruptedException {
        release.countDown();
        for (Thread t : workers) {
            t.join(10_000);
        }
    }

    @Test
    void aCpuCaptureNamesTheBurningMethod() throws Exception {
        workers.add(Workloads.background("async-test-burner", () -> Workloads.burnCpuInAsyncTest(4000)));
        Path cpu = capture(DumpKind.CPU);
        assertEquals("burnCpuInAsyncTest", Profiles.heaviestJavaMethod(cpu, CPU), "the Java method most often on top");
        assertTrue(Profiles.threads(cpu, CPU).contains("async-test-burner"));
    }

    @Test
    void aWallCaptureNamesWhereBlockedThreadsWaitWhichACpuProfileCannot() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        workers.add(Workloads.background("async-test-holder", () -> {
            synchronized (LOCK) {
                held.countDown();
                Workloads.await(release);
            }
        }));
        held.await();
        BlockingQueue<Object> emptyPool = new ArrayBlockingQueue<>(1);
        for (int i = 0; i < 100; i++) {
            workers.add(Workloads.background("async-test-locker-" + i, AsyncCaptureTest::waitForTheLock));
            workers.add(Workloads.background("async-test-borrower-" + i, () -> borrowFromThePool(emptyPool)));
        }
        Path wall = capture(AsyncDumperProvider.WALL);
        release.countDown();
        emptyPool.add(new Object());
        Map<String, Long> waiting = Profiles.methodsOnStacks(wall, WALL);
        long total = Profiles.events(wall, WALL).stream().mapToLong(e -> e.getLong("samples")).sum();
        assertTrue(waiting.getOrDefault("waitForTheLock", 0L) > total / 4, waiting + " of " + total);
        assertTrue(waiting.getOrDefault("borrowFromThePool", 0L) > total / 4, waiting + " of " + total);
        Map<String, Long> running = Profiles.methodsOnStacks(wall, CPU);
        assertFalse(running.containsKey("waitForTheLock") || running.containsKey("borrowFromThePool"),
                "blocked threads do not run, so CPU samples never see them: " + running.keySet());
    }

    @Test
    void zprofsOwnThreadsAreLeftOut() throws Exception {
        ThreadGroup zprof = new ThreadGroup(ProviderContext.THREAD_GROUP);
        workers.add(Workloads.inGroup(zprof, "zprof-test-idle", () -> Workloads.await(release)));
        workers.add(Workloads.inGroup(zprof, "zprof-test-burner", () -> Workloads.burnCpuInAsyncTest(4000)));
        workers.add(Workloads.background("async-test-idle", () -> Workloads.await(release)));
        Path wall = capture(AsyncDumperProvider.WALL);
        assertTrue(Profiles.threads(wall, WALL).contains("async-test-idle"), "the control thread is sampled");
        assertFalse(Profiles.threads(wall, WALL).contains("zprof-test-idle"), "the filter leaves zprof's out");
        if (io.zprof.support.jfr.JfrFileWriter.canRewrite()) {
            assertFalse(Profiles.threads(wall, CPU).contains("zprof-test-burner"),
                    "from JDK 19 the file is rewritten without zprof's threads");
        }
    }

    @Test
    void nativeFramesShowForASyscallHeavyWorkload() throws Exception {
        Path file = dir.resolve("syscalls.bin");
        workers.add(Workloads.background("async-test-syscalls", () -> writeSmallChunks(file, 4000)));
        Path cpu = capture(DumpKind.CPU);
        assertTrue(Profiles.methodsOnStacks(cpu, CPU).containsKey("writeSmallChunks"));
        Set<String> nativeFrames = Profiles.nativeFramesUnder(cpu, CPU, "writeSmallChunks");
        assertTrue(nativeFrames.stream().anyMatch(f -> f.contains("pwrite")), "libc's pwrite under the Java frames: " + nativeFrames);
    }

    @Test
    void oneCaptureAtATimeTheOtherIsSkippedSayingWhy() throws Exception {
        try (Dumper dumper = new AsyncDumperProvider().create(context)) {
            Thread first = Workloads.background("async-test-first-capture", () -> {
                try {
                    dumper.dump(Fixtures.request(DumpKind.CPU, Duration.ofSeconds(3), out));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            workers.add(first);
            while (!ProfilerEngine.shared().running()) {
                assertTrue(first.isAlive(), "the first capture runs");
                Thread.sleep(5);
            }
            DumpOutcome second = dumper.dump(Fixtures.request(DumpKind.LOCK, Duration.ofMillis(100), out));
            assertTrue(second.skipped(), "a second capture during the first is skipped");
            assertEquals("another async-profiler capture is running (one profiler session at a time)", second.detail());
            first.join();
        }
        out.require("cpu", "jfr");
    }

    private Path capture(DumpKind kind) throws IOException {
        try (Dumper dumper = new AsyncDumperProvider().create(context)) {
            DumpOutcome outcome = dumper.dump(Fixtures.request(kind, Duration.ofSeconds(2), out));
            assertFalse(outcome.skipped(), outcome.detail());
        }
        return out.require(kind.key(), "jfr");
    }

    private static void waitForTheLock() {
        synchronized (LOCK) {
            Thread.onSpinWait();
        }
    }

    private static void borrowFromThePool(BlockingQueue<Object> pool) {
        try {
            pool.put(pool.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeSmallChunks(Path file, long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        ByteBuffer one = ByteBuffer.allocateDirect(16);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (System.nanoTime() < end) {
                one.clear();
                ch.write(one, 0);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
