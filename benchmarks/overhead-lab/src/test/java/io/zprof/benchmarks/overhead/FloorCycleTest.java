package io.zprof.benchmarks.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.testsupport.ExternalCapability;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The floor must read what it claims to read, or the harness would set zprof against a cycle that reads nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FloorCycleTest {

    @Test
    void readsTheProcesssThreadsResidentSetCpuAndCgroupUsageAsTheKernelReportsThem() throws Exception {
        FloorCycle floor = floorOrSkip();
        // a few threads that stay alive while both counts are read, so that the comparison is not of a constant
        int extra = 5;
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(extra);
        for (int i = 0; i < extra; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        started.await();
        try {
            floor.run();
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            long threads = field(status, "Threads:");
            long rssKiB = field(status, "VmRSS:");
            // JIT and GC threads may come and go between the two reads
            assertTrue(Math.abs(floor.osThreads() - threads) <= 3, floor.osThreads() + " OS threads against " + threads);
            long floorRssKiB = floor.rssPages() * pageSize() / 1024;
            assertTrue(Math.abs(floorRssKiB - rssKiB) < rssKiB / 10, floorRssKiB + " KiB resident against " + rssKiB);
            assertTrue(floor.cpuTicks() > 0, "a JVM that ran tests has used CPU");
            assertTrue(floor.usageBytes() >= rssKiB * 1024 / 2, "the cgroup holds at least this process: " + floor.usageBytes());
            assertTrue(floor.heapUsed() > 0);
            assertEquals(ManagementFactory.getThreadMXBean().getThreadCount(), floor.jvmThreads(), 3.0);
        } finally {
            done.countDown();
        }
    }

    @Test
    void theWakeControlRunsItsWorkAtEveryWaitWarmUpIncluded() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        long period = TimeUnit.MILLISECONDS.toNanos(20);
        WakeControl control = new WakeControl("floor-test", period, 10, runs::incrementAndGet);
        control.start();
        control.schedule(System.nanoTime() + period, -1);
        while (control.wakes() < 3) {
            Thread.sleep(20);
        }
        control.stop();
        assertTrue(runs.get() >= WakeControl.WARM_WAKES + control.wakes(), "the work runs after every wait: " + runs.get());
    }

    /** @return the floor cycle; skipped (failed in CI) without /proc or a memory cgroup, as the harness goes on without it */
    private static FloorCycle floorOrSkip() {
        try {
            return new FloorCycle();
        } catch (UncheckedIOException e) {
            ExternalCapability.require(false, "FloorCycleTest", "/proc/self/stat and a memory cgroup (" + e.getCause() + ")",
                    "run on Linux inside a cgroup with the memory controller (any systemd session or container)");
            throw e;
        }
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).trim().split("\\s+")[0])
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }

    /** @return the page size: {@code /proc/self/stat}'s resident set is in pages */
    private static long pageSize() throws Exception {
        Process p = new ProcessBuilder("getconf", "PAGESIZE").start();
        return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
    }
}
