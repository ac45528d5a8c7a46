package io.zprof.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zprof.api.config.ConfigProperties;
import io.zprof.api.model.ReportEvent;
import io.zprof.core.Zprof;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thread shrinking with a real executor that leaks threads: the thread count crosses the threshold, a thread dump
 * is written first, the pool shrinks and its idle threads exit, and the original sizes come back.
 */
class ThreadShrinkTest {
    @TempDir
    Path tmp;

    @Test
    void dumpsShrinksAndRestoresARealLeakingPool() throws Exception {
        // a pool that grows a thread per task and keeps them: the classic leak (huge core size, long keep-alive)
        ThreadPoolExecutor pool = new ThreadPoolExecutor(200, 200, 1, TimeUnit.HOURS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "leaky-pool-worker");
                    t.setDaemon(true);
                    return t;
                });
        int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
        List<ReportEvent> events = new CopyOnWriteArrayList<>();
        Map<String, String> props = Map.of("zprof.dump.path", tmp.resolve("dumps").toString(), "zprof.dump.text", "true");
        try (Zprof zprof = Zprof.builder().properties(ConfigProperties.of(props)).configure(c -> c
                .collectInterval(Duration.ofMillis(100))
                .shrink(s -> s.enabled(true).threshold(baseline + 40).delay(Duration.ofMillis(300)).shrinkCount(50)
                        // the shrunk state must outlast the dump and the event's delivery on a loaded machine,
                        // so that the test sees it before the restore
                        .restoreAfter(Duration.ofSeconds(10)).cooldown(Duration.ofHours(1)))).build()) {
            zprof.registerThreadPool("leaky", pool);
            zprof.addListener(events::add);
            // the leak happens before the first sample, so a slow start of 80 threads cannot race the shrink
            for (int i = 0; i < 80; i++) {
                pool.execute(() -> { });   // each task starts a new core thread that then idles forever
            }
            assertEquals(80, pool.getPoolSize());
            zprof.start();
            Await.until(() -> events.stream().anyMatch(e -> e.rule().equals("shrink")), 20, "a shrink event (dump first)");
            ReportEvent dump = events.stream().filter(e -> e.rule().equals("shrink")).findFirst().orElseThrow();
            assertTrue(dump.artifacts().stream().anyMatch(a -> a.name().startsWith("threads_")), "thread dump written: " + dump);
            Path threadDump = dump.artifacts().stream().filter(a -> a.name().endsWith(".txt")).findFirst().orElseThrow().path();
            String dumpText = Files.readString(threadDump);
            assertTrue(dumpText.contains("leaky-pool-worker"), "the leaking threads are in the dump " + threadDump + ":\n"
                    + dumpText.substring(0, Math.min(3000, dumpText.length())));

            Await.until(() -> pool.getMaximumPoolSize() < 200, 10, "the pool's maximum lowered");
            int shrunkMax = pool.getMaximumPoolSize();
            assertTrue(shrunkMax <= 80 - 40, "shrunk by about shrinkCount: max now " + shrunkMax);
            Await.until(() -> pool.getPoolSize() <= shrunkMax, 10, "idle threads time out down to the new maximum");
            // the shrink is counted right after the pool sizes change: wait for it rather than race it
            Await.until(() -> zprof.status().rules().stream().anyMatch(r -> r.rule().equals("shrink") && r.firedCount() == 1),
                    5, "status() counts one shrink");

            // the restore sets the sizes, then the core timeout, then the keep-alive: wait for all of them
            Await.until(() -> pool.getMaximumPoolSize() == 200 && pool.getCorePoolSize() == 200
                    && !pool.allowsCoreThreadTimeOut() && pool.getKeepAliveTime(TimeUnit.HOURS) == 1, 30,
                    "sizes, core timeout and keep-alive restored");
        } finally {
            pool.shutdownNow();
        }
    }
}
